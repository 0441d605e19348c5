package dev.listns.audit;

import dev.listns.output.AtomicFile;
import dev.listns.output.IoErrors;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * The state file on disk: refuses anything it cannot fully trust, replaces it only atomically, and
 * serialises overlapping runs with a lock on a separate {@code FILE.lock}. The lock file is never
 * removed: removing it would let a third run lock a new file while the second still holds the old one.
 */
public final class StateStore {
    static final String PERMISSIONS = "rw-------";
    /** Far beyond any real host; a bigger file is not ours, and reading it whole could exhaust the heap. */
    static final long MAX_SIZE = 256L << 20;

    private final Path file;
    private byte[] loaded;

    public StateStore(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /**
     * Checks what can be checked before locking. A missing directory is an error rather than created:
     * a typo in a crontab should fail loudly, not start a fresh history somewhere unexpected.
     */
    public void checkLocation() throws AuditException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent == null || Files.isDirectory(file)) {
            throw new AuditException("cannot use state file " + file + ": is a directory");
        }
        if (!Files.isDirectory(parent)) {
            throw new AuditException("cannot use state file " + file + ": directory " + parent
                    + (Files.exists(parent) ? " is not a directory" : " does not exist"));
        }
        if (Files.isSymbolicLink(file)) {
            // The atomic rename would replace the link itself, silently cutting whatever it pointed to loose.
            throw new AuditException("cannot use state file " + file + ": is a symbolic link; give the real path");
        }
    }

    /** Takes the lock without waiting: a cron job that finds the previous one still running should say so and stop. */
    public Lock lock() throws AuditException {
        Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
        FileChannel channel;
        try {
            channel = FileChannel.open(lockFile, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(PERMISSIONS)));
        } catch (IOException e) {
            throw new AuditException("cannot open lock file " + lockFile + ": " + IoErrors.describe(e), e);
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // held by this very JVM
        } catch (IOException e) {
            closeQuietly(channel);
            throw new AuditException("cannot lock " + lockFile + ": " + IoErrors.describe(e), e);
        }
        if (lock == null) {
            closeQuietly(channel);
            throw new AuditException("another listns audit is running on " + file + " (" + lockFile + " is locked)");
        }
        return new Lock(channel);
    }

    /** The recorded state, or empty if there is none yet (the first run). */
    public Optional<AuditState> read() throws AuditException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new AuditException("cannot read state file " + file + ": " + IoErrors.describe(e), e);
        }
        if (attributes.isDirectory()) {
            throw new AuditException("cannot use state file " + file + ": is a directory");
        }
        if (!attributes.isRegularFile()) {
            throw new AuditException("cannot use state file " + file + ": is not a regular file");
        }
        if (attributes.size() > MAX_SIZE) {
            throw new AuditException("state file " + file + " is too large to be a listns audit state; not touching it");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new AuditException("cannot read state file " + file + ": " + IoErrors.describe(e), e);
        }
        AuditState state = StateReader.decode(bytes, file.toString());
        loaded = bytes;
        return Optional.of(state);
    }

    /** Replaces the file atomically; skipped when the content is what was read, to spare the disk every minute. */
    public void write(AuditState state) throws AuditException {
        byte[] bytes = StateWriter.encode(state);
        if (loaded != null && Arrays.equals(bytes, loaded)) {
            return;
        }
        try {
            AtomicFile.write(file, bytes, PERMISSIONS);
        } catch (IOException e) {
            throw new AuditException("cannot write state file " + file + ": " + IoErrors.describe(e), e);
        }
        loaded = bytes;
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing was written through it
        }
    }

    /** Held from before the state is read until after it is written. */
    public static final class Lock implements AutoCloseable {
        private final FileChannel channel;

        private Lock(FileChannel channel) {
            this.channel = channel;
        }

        @Override
        public void close() {
            closeQuietly(channel); // closing the channel releases the lock
        }
    }
}
