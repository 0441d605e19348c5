package dev.listns.output;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Replaces a file so that a crash or a full disk at any moment leaves either the old content or the
 * new, never a mix: write a temporary file in the same directory, fsync it, rename it over the
 * target, fsync the directory. On failure the temporary file is removed and the target untouched.
 */
public final class AtomicFile {
    private AtomicFile() {
    }

    /**
     * @param permissions for the new file, e.g. {@code rw-r--r--} for a metrics file node_exporter reads,
     *                    {@code rw-------} for audit state
     */
    public static void write(Path target, byte[] content, String permissions) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path directory = absolute.getParent();
        Set<PosixFilePermission> mode = PosixFilePermissions.fromString(permissions);
        Path temporary = Files.createTempFile(directory, "." + absolute.getFileName() + ".", ".tmp",
                PosixFilePermissions.asFileAttribute(mode));
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.setPosixFilePermissions(temporary, mode); // createTempFile's mode is filtered by the umask
            try {
                Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("cannot replace " + absolute + " atomically", e);
            }
            syncDirectory(directory);
        } finally {
            Files.deleteIfExists(temporary);
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
