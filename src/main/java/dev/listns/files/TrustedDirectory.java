package dev.listns.files;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Finds a directory in which no other user can add, remove or replace what listns uses, or refuses
 * it. listns runs as root from cron on hosts shared with users who may plant symbolic links, hard
 * links or FIFOs where root will write; checking the file alone is not enough if someone can swap it,
 * or the directory holding it, between the check and the use.
 *
 * <p>The path is resolved one component at a time from {@code /}, the way the kernel would, and each
 * directory on the way, the last one included, must be owned by root or the running user and not be
 * writable by group or others, unless it has the sticky bit (like {@code /tmp}: there, others may add
 * entries but not remove or rename ours). Each symbolic link on the way must be owned by root or the
 * running user too (its directory is already trusted, so nobody else can change it). Once every
 * component is trusted, only root and the running user can change what the answered path leads to,
 * which makes lstat-then-open on entries inside it sound; the checks on those entries are in
 * {@link TrustedFile}. This is OpenSSH's StrictModes rule, with sticky directories allowed.
 */
public final class TrustedDirectory {
    /** As the kernel's MAXSYMLINKS. */
    private static final int MAX_SYMBOLIC_LINKS = 40;
    private static final Path ROOT = Path.of("/");

    private TrustedDirectory() {
    }

    /**
     * @return the directory's real path, free of symbolic links, {@code .} and {@code ..}
     * @throws FileSystemException with a one-line reason naming the component that is refused or is
     *                             not a directory; {@link NoSuchFileException} if one is missing
     */
    public static Path resolve(Path directory) throws IOException {
        return resolve(directory, EffectiveUser.uid());
    }

    /** Plain code rather than orElseThrow's lambda: it runs on every host with a container (see NativeAccess.loader). */
    private static PathStatus existing(Path path) throws IOException {
        Optional<PathStatus> status = PathStatus.of(path);
        if (status.isEmpty()) {
            throw new NoSuchFileException(path.toString());
        }
        return status.get();
    }

    static Path resolve(Path directory, int user) throws IOException {
        Deque<String> rest = new ArrayDeque<>();
        push(rest, directory.toAbsolutePath());
        Path current = ROOT;
        check(current, existing(current), user);
        int links = 0;
        while (!rest.isEmpty()) {
            String name = rest.pop();
            if (name.equals(".")) {
                continue;
            }
            if (name.equals("..")) {
                // current holds no links: its parent is the one already checked on the way here.
                current = current.getParent() == null ? ROOT : current.getParent();
                continue;
            }
            Path next = current.resolve(name);
            PathStatus status = existing(next);
            if (status.isSymbolicLink()) {
                if (++links > MAX_SYMBOLIC_LINKS) {
                    throw new FileSystemException(directory.toString(), null, "too many levels of symbolic links");
                }
                if (!EffectiveUser.isTrusted(status.uid(), user)) {
                    throw refused("symbolic link " + next + " is owned by another user (uid " + status.uid() + ")");
                }
                Path target = Files.readSymbolicLink(next);
                push(rest, target);
                if (target.isAbsolute()) {
                    current = ROOT;
                }
                continue;
            }
            if (!status.isDirectory()) {
                throw refused(next + " is not a directory");
            }
            check(next, status, user);
            current = next;
        }
        return current;
    }

    private static void check(Path directory, PathStatus status, int user) throws FileSystemException {
        if (!EffectiveUser.isTrusted(status.uid(), user)) {
            throw refused("directory " + directory + " is owned by another user (uid " + status.uid() + ")");
        }
        if (status.isWritableByOthers() && !status.isSticky()) {
            throw refused("directory " + directory + " is writable by group or others (mode "
                    + status.permissions() + ") and not sticky");
        }
    }

    /** The components of {@code path}, in order, put in front of those still to resolve. */
    private static void push(Deque<String> rest, Path path) {
        for (int i = path.getNameCount() - 1; i >= 0; i--) {
            rest.push(path.getName(i).toString());
        }
    }

    private static FileSystemException refused(String reason) {
        return new FileSystemException(null, null, reason);
    }
}
