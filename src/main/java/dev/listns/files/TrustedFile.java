package dev.listns.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * The checks on one entry of a {@link TrustedDirectory} that listns reads or locks, and a read of it
 * that can neither block nor run away.
 *
 * <p>Why these refusals: a symbolic link would take root elsewhere (and a dangling one would make root
 * create a file where it points); a FIFO would block the read forever, and Java cannot open with
 * O_NONBLOCK; a file owned by another user was written by that user, and in a sticky directory that
 * user could also replace it between check and use; a second hard link means the same inode has
 * another name, possibly a root file someone linked here; a file others may write may hold what they
 * wrote. A file that passes, in a trusted directory, can be changed only by root and this user, so
 * opening it after the check opens what was checked.
 */
public final class TrustedFile {
    /** What a file must be, by what listns does with it. */
    public enum Use {
        /** Written and read back by listns (the audit state): this user's, and nobody else may write it. */
        OWN_DATA(false, true),
        /** A lock: only which inode it is matters, not what it holds. */
        OWN_LOCK(false, false),
        /** Read, never written (the audit's ignore rules): root's or this user's, and nobody else may write it. */
        CONFIGURATION(true, true);

        private final boolean rootMayOwn;
        private final boolean noOtherWriters;

        Use(boolean rootMayOwn, boolean noOtherWriters) {
            this.rootMayOwn = rootMayOwn;
            this.noOtherWriters = noOtherWriters;
        }
    }

    private TrustedFile() {
    }

    /**
     * @param file an entry of a directory that {@link TrustedDirectory#resolve} accepted
     * @return what lstat said of it, or empty if there is no such entry
     * @throws FileSystemException with a one-line reason ("is a symbolic link; give the real path", ...)
     */
    public static Optional<PathStatus> check(Path file, Use use) throws IOException {
        return check(file, use, EffectiveUser.uid());
    }

    static Optional<PathStatus> check(Path file, Use use, int user) throws IOException {
        Optional<PathStatus> found = PathStatus.of(file);
        if (found.isEmpty()) {
            return found;
        }
        PathStatus status = found.get();
        if (status.isSymbolicLink()) {
            throw refused(file, "is a symbolic link; give the real path");
        }
        if (status.isDirectory()) {
            throw refused(file, "is a directory");
        }
        if (!status.isRegularFile()) {
            throw refused(file, "is not a regular file");
        }
        boolean ownerTrusted = use.rootMayOwn ? EffectiveUser.isTrusted(status.uid(), user) : status.uid() == user;
        if (!ownerTrusted) {
            throw refused(file, "is owned by another user (uid " + status.uid() + ")");
        }
        if (status.links() != 1) {
            throw refused(file, "has " + status.links() + " hard links");
        }
        if (use.noOtherWriters && status.isWritableByOthers()) {
            throw refused(file, "is writable by group or others (mode " + status.permissions() + ")");
        }
        return found;
    }

    /**
     * Reads a file that {@link #check} accepted, without following a symbolic link, and at most
     * {@code limit} bytes of it: a file that grows while it is read cannot exhaust the heap.
     */
    public static byte[] read(Path file, PathStatus checked, int limit) throws IOException {
        try (SeekableByteChannel channel = Files.newByteChannel(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
             InputStream in = Channels.newInputStream(channel)) {
            // Plain Java cannot fstat the channel; in a trusted directory nobody else can swap the entry,
            // so this second lstat only confirms that root or this user did not either.
            Optional<PathStatus> opened = PathStatus.of(file);
            if (opened.isEmpty() || !opened.get().sameFileAs(checked)) {
                throw refused(file, "was replaced while being opened");
            }
            byte[] bytes = in.readNBytes(limit + 1);
            if (bytes.length > limit) {
                throw refused(file, "is larger than " + size(limit));
            }
            return bytes;
        }
    }

    private static String size(int bytes) {
        return bytes % (1 << 20) == 0 ? (bytes >> 20) + " MiB" : bytes + " bytes";
    }

    private static FileSystemException refused(Path file, String reason) {
        return new FileSystemException(file.toString(), null, reason);
    }
}
