package dev.listns.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Replaces a file so that a crash or a full disk at any moment leaves either the old content or the
 * new, never a mix: write a temporary file in the same directory, fsync it, rename it over the
 * target, fsync the directory. On failure the temporary file is removed and the target untouched.
 *
 * <p>Safe for root in a directory others can add files to, such as {@code /tmp}: the directory must be
 * a {@link TrustedDirectory} (so nobody else can swap the temporary file while it is written), the
 * temporary file is created with O_EXCL|O_NOFOLLOW and written through that one descriptor, and the
 * rename replaces whatever is at the target, a symbolic link, a hard link or a FIFO, without ever
 * opening or following it.
 */
public final class AtomicFile {
    /** A clash with a planted name costs one more try; this many in a row is no accident. */
    private static final int ATTEMPTS = 16;

    private AtomicFile() {
    }

    /**
     * @param permissions for the new file, e.g. {@code rw-r--r--} for a metrics file node_exporter reads,
     *                    {@code rw-------} for audit state
     */
    public static void write(Path target, byte[] content, String permissions) throws IOException {
        write(target, content, permissions, RANDOM_NAMES);
    }

    /** A class, not a lambda: cron writes state and metrics every few minutes, and a lambda is a class to spin. */
    private static final Supplier<String> RANDOM_NAMES = new Supplier<>() {
        @Override
        public String get() {
            return Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), Character.MAX_RADIX);
        }
    };

    /** @param names the random part of each temporary file name to try; a test plants files at the first ones */
    static void write(Path target, byte[] content, String permissions, Supplier<String> names) throws IOException {
        Path absolute = target.toAbsolutePath();
        if (absolute.getParent() == null) {
            throw new FileSystemException(target.toString(), null, "is a directory");
        }
        Path directory = TrustedDirectory.resolve(absolute.getParent());
        Path destination = directory.resolve(absolute.getFileName());
        Set<PosixFilePermission> mode = PosixFilePermissions.fromString(permissions);
        Path temporary = null;
        try {
            try (Temporary created = createTemporary(directory, "." + destination.getFileName() + ".", mode, names)) {
                temporary = created.path();
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    created.channel().write(buffer);
                }
                created.channel().force(true);
            }
            // The mode given at creation is filtered by the umask. Changing it by path is sound only
            // because nobody but root and this user can replace the entry in a trusted directory.
            if (!Files.getPosixFilePermissions(temporary, LinkOption.NOFOLLOW_LINKS).equals(mode)) {
                Files.setPosixFilePermissions(temporary, mode);
            }
            try {
                Files.move(temporary, destination, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("cannot replace " + destination + " atomically", e);
            }
            temporary = null;
            syncDirectory(directory);
        } finally {
            if (temporary != null) {
                Files.deleteIfExists(temporary);
            }
        }
    }

    /** The temporary file, open for writing, and the name it was created under. */
    private record Temporary(Path path, FileChannel channel) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    /** A new file of ours under a fresh name: never an existing file, nor one a planted link leads to. */
    private static Temporary createTemporary(Path directory, String prefix, Set<PosixFilePermission> mode,
            Supplier<String> names) throws IOException {
        for (int attempt = 1; ; attempt++) {
            Path candidate = directory.resolve(prefix + names.get() + ".tmp");
            try {
                return new Temporary(candidate, FileChannel.open(candidate,
                        Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS),
                        PosixFilePermissions.asFileAttribute(mode)));
            } catch (FileAlreadyExistsException e) {
                if (attempt == ATTEMPTS) {
                    throw new FileSystemException(directory.toString(), null,
                            "cannot create a temporary file: " + ATTEMPTS + " fresh names in a row were taken");
                }
            }
        }
    }

    /** Makes the rename itself durable; some filesystems refuse to open a directory for this, which is harmless. */
    private static void syncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // the rename is done; only its durability across a power cut is less certain
        }
    }
}
