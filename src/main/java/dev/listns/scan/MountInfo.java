package dev.listns.scan;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses /proc/PID/mountinfo (proc(5)). Paths there escape space, tab, newline and backslash as
 * octal ({@code \040}); they are decoded back to the bytes the kernel holds, then as UTF-8.
 */
final class MountInfo {
    private static final String NSFS = "nsfs";

    /** One mount: {@code root} is, for nsfs, the namespace it binds, e.g. {@code net:[4026532000]}. */
    record Mount(int id, String root, String mountPoint, String fsType) {
        boolean isNamespace() {
            return NSFS.equals(fsType);
        }
    }

    private MountInfo() {
    }

    static List<Mount> parse(byte[] text) {
        List<Mount> mounts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= text.length; i++) {
            if (i == text.length || text[i] == '\n') {
                if (i > start) {
                    parseLine(new String(text, start, i - start, StandardCharsets.ISO_8859_1), mounts);
                }
                start = i + 1;
            }
        }
        return mounts;
    }

    /** The nsfs mounts of a mountinfo table, in its order; a plain loop, as this runs on every start. */
    static List<Mount> nsfsMounts(byte[] text) {
        List<Mount> nsfs = new ArrayList<>();
        for (Mount mount : parse(text)) {
            if (mount.isNamespace()) {
                nsfs.add(mount);
            }
        }
        return nsfs;
    }

    /** Fields: id parent major:minor root mount-point options [optional fields...] - fstype source super-options. */
    private static void parseLine(String line, List<Mount> mounts) {
        String[] fields = line.split(" ");
        int separator = -1;
        for (int i = 6; i < fields.length; i++) {
            if (fields[i].equals("-")) {
                separator = i;
                break;
            }
        }
        if (fields.length < 7 || separator < 0 || separator + 1 >= fields.length) {
            return; // not a mountinfo line; skip rather than guess
        }
        int id;
        try {
            id = Integer.parseInt(fields[0]);
        } catch (NumberFormatException e) {
            return;
        }
        mounts.add(new Mount(id, unescape(fields[3]), unescape(fields[4]), unescape(fields[separator + 1])));
    }

    /** The line was read as ISO-8859-1, so each char is one byte; octal escapes become bytes again. */
    static String unescape(String field) {
        if (field.indexOf('\\') < 0) {
            return Utf8.DECODER.decode(field.getBytes(StandardCharsets.ISO_8859_1));
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && isOctal(field, i + 1)) {
                bytes.write(Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                bytes.write(c);
            }
        }
        return Utf8.DECODER.decode(bytes.toByteArray());
    }

    private static boolean isOctal(String text, int from) {
        if (from + 3 > text.length()) {
            return false;
        }
        for (int i = from; i < from + 3; i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '7') {
                return false;
            }
        }
        return true;
    }
}
