package dev.listns.it;

import dev.listns.testing.Commands;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The mount plumbing {@link Sandbox} does not have, registered on a sandbox so that its close()
 * undoes it in the same newest-first order as everything else: directories that are private mounts
 * of themselves (for nsfs files bound below them), lazily unmounted with everything below them.
 */
final class HolderMounts {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final Sandbox sandbox;
    private int directories;

    HolderMounts(Sandbox sandbox) {
        this.sandbox = sandbox;
    }

    /** A new, empty directory inside the sandbox's work directory (removed with it). */
    Path directory() throws IOException {
        return Files.createDirectory(sandbox.workDir().resolve("d" + ++directories));
    }

    /**
     * A new directory that is a private mount of itself: nsfs files bound below it never propagate to
     * other mount namespaces, and {@code unshare --mount=FILE} accepts files in it. On close, it and
     * every mount below it are lazily unmounted (one MNT_DETACH takes the whole subtree, so even a
     * mount point this JVM cannot name, such as one with bytes that are not UTF-8, goes with it).
     */
    Path privateDirectory() throws IOException, InterruptedException {
        Path dir = directory();
        sandbox.onClose("umount -l " + dir + " and everything below it", () -> unmountAll(dir));
        ok("mount", "--bind", dir.toString(), dir.toString());
        ok("mount", "--make-private", dir.toString());
        return dir;
    }

    private static void unmountAll(Path dir) throws IOException, InterruptedException {
        for (int round = 0; round < 3 && !mountsAtOrBelow(dir).isEmpty(); round++) {
            for (String mountPoint : mountsAtOrBelow(dir)) {
                Commands.run(TIMEOUT, "umount", "-l", mountPoint);
            }
        }
        List<String> left = mountsAtOrBelow(dir);
        if (!left.isEmpty()) {
            throw new IllegalStateException("still mounted: " + left);
        }
    }

    private static void ok(String... command) throws IOException, InterruptedException {
        Commands.Exec exec = Commands.run(TIMEOUT, command);
        if (exec.exitCode() != 0) {
            throw new AssertionError(String.join(" ", command) + ": " + exec);
        }
    }

    /** Mount points at or below {@code dir} in this JVM's mount namespace, deepest first. */
    static List<String> mountsAtOrBelow(Path dir) throws IOException {
        String root = dir.toString();
        return ownMountPoints().stream().filter(p -> p.equals(root) || p.startsWith(root + "/")).distinct()
                .sorted(Comparator.comparingInt(String::length).reversed()).collect(Collectors.toList());
    }

    /** The mount points of this JVM's (and so in-process listns's) mount namespace, from /proc/self/mountinfo. */
    static List<String> ownMountPoints() throws IOException {
        List<String> points = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"), StandardCharsets.ISO_8859_1)) {
            String[] fields = line.split(" ");
            if (fields.length > 4) {
                points.add(unescape(fields[4]));
            }
        }
        return points;
    }

    /** proc(5) octal escapes ({@code \040}) back to bytes, then UTF-8; independent of listns's own parser on purpose. */
    static String unescape(String field) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 3 < field.length() && field.substring(i + 1, i + 4).matches("[0-7]{3}")) {
                bytes.write(Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                bytes.write(c);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
