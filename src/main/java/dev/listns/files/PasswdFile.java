package dev.listns.files;

import dev.listns.columns.UserNames;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * User names from the host's own {@code /etc/passwd}: the file of the mount namespace listns runs in,
 * never one inside a namespace it inspects, where whoever owns that namespace writes the names. Read on
 * the first question, once, and never more than {@link #LIMIT} bytes; a file that is missing,
 * unreadable, a link or not a regular file (a FIFO would block) answers no names, and USER then shows
 * numbers. lsns asks the C library, which may also ask a directory service; listns reads the file only.
 */
public final class PasswdFile implements UserNames {
    public static final Path HOST = Path.of("/etc/passwd");
    /** Far above any real passwd file (a million users is about 60 MiB; a big one is a few hundred KiB). */
    static final int LIMIT = 8 << 20;

    private final Path file;
    private Map<Integer, String> names;

    public PasswdFile(Path file) {
        this.file = file;
    }

    @Override
    public synchronized Optional<String> name(int uid) {
        if (names == null) {
            names = read(file);
        }
        return Optional.ofNullable(names.get(uid));
    }

    static Map<Integer, String> read(Path file) {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return Map.of();
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            bytes = in.readNBytes(LIMIT);
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
        return parse(new String(bytes, StandardCharsets.UTF_8));
    }

    /** name:password:UID:GID:...; the first line for a UID names it, as getpwuid(3) answers. */
    static Map<Integer, String> parse(String text) {
        Map<Integer, String> names = new HashMap<>();
        for (String line : text.split("\n")) {
            String[] fields = line.split(":", 4);
            if (fields.length == 4 && !fields[0].isEmpty() && fields[2].matches("[0-9]{1,10}")) {
                long uid = Long.parseLong(fields[2]);
                if (uid <= 0xFFFFFFFFL) {
                    names.putIfAbsent((int) uid, fields[0]);
                }
            }
        }
        return names;
    }
}
