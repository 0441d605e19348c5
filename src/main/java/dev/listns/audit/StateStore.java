package dev.listns.audit;

import dev.listns.files.AtomicFile;
import dev.listns.files.IoErrors;
import dev.listns.files.PathStatus;
import dev.listns.files.TrustedDirectory;
import dev.listns.files.TrustedFile;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * The state file on disk: refuses anything it cannot fully trust, replaces it only atomically, and
 * serialises overlapping runs with a lock on a separate {@code FILE.lock}. The lock file is never
 * removed: removing it would let a third run lock a new file while the second still holds the old one.
 *
 * <p>Root runs this from cron, and the state may sit in a directory other users can write to. So the
 * directory must be a {@link TrustedDirectory} (its every component root's or this user's, none
 * writable by others unless sticky), and the state file and the lock must be regular files of this
 * user with a single link, never symbolic links, FIFOs or another user's files ({@link TrustedFile}).
 * A missing lock is created with O_EXCL|O_NOFOLLOW, so a link planted in its place is never followed.
 * Refusing costs the cron job one error line, exit 3; following would let anyone who can write to the
 * directory make root create, lock or read files anywhere, block forever, or feed it a crafted history.
 */
public final class StateStore {
    static final String PERMISSIONS = "rw-------";
    /** Far beyond any real host; a bigger file is not ours, and reading it whole could exhaust the heap. */
    static final int MAX_SIZE = 256 << 20;
    /** Creating a missing lock loses to a file planted meanwhile at most this often before giving up. */
    private static final int LOCK_ATTEMPTS = 3;

    private final Path file;
    /** The file in its directory's real path, once that directory is trusted. */
    private Path located;
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
        located = null;
        Path parent = file.toAbsolutePath().getParent();
        if (parent == null || Files.isDirectory(file)) {
            throw new AuditException("cannot use state file " + file + ": is a directory");
        }
        if (!Files.isDirectory(parent)) {
            throw new AuditException("cannot use state file " + file + ": directory " + parent
                    + (Files.exists(parent) ? " is not a directory" : " does not exist"));
        }
        Path directory;
        try {
            directory = TrustedDirectory.resolve(parent);
        } catch (IOException e) {
            throw new AuditException("cannot use state file " + file + ": " + IoErrors.describe(e), e);
        }
        Path inDirectory = directory.resolve(file.getFileName());
        if (Files.isSymbolicLink(inDirectory)) {
            // The atomic rename would replace the link itself, silently cutting whatever it pointed to loose.
            throw new AuditException("cannot use state file " + file + ": is a symbolic link; give the real path");
        }
        located = inDirectory;
    }

    private Path located() throws AuditException {
        if (located == null) {
            checkLocation();
        }
        return located;
    }

    /** Takes the lock without waiting: a cron job that finds the previous one still running should say so and stop. */
    public Lock lock() throws AuditException {
        Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
        FileChannel channel = openLock(located().resolveSibling(lockFile.getFileName()), lockFile);
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

    /**
     * Opens the lock file, creating it if missing.
     *
     * @param path  where it is, in the trusted directory
     * @param shown the name the user gave, for messages
     */
    private static FileChannel openLock(Path path, Path shown) throws AuditException {
        for (int attempt = 1; attempt <= LOCK_ATTEMPTS; attempt++) {
            Optional<PathStatus> existing;
            try {
                existing = TrustedFile.check(path, TrustedFile.Use.OWN_LOCK);
            } catch (IOException e) {
                throw new AuditException("cannot use lock file " + shown + ": " + IoErrors.describe(e), e);
            }
            try {
                if (existing.isEmpty()) {
                    return FileChannel.open(path, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                            LinkOption.NOFOLLOW_LINKS), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(PERMISSIONS)));
                }
                FileChannel channel = FileChannel.open(path, Set.of(StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS));
                Optional<PathStatus> opened = PathStatus.of(path);
                if (opened.isPresent() && opened.get().sameFileAs(existing.get())) {
                    return channel;
                }
                closeQuietly(channel); // replaced between lstat and open, by root or this user: look again
            } catch (FileAlreadyExistsException e) {
                // something appeared since the lstat: look at what it is
            } catch (IOException e) {
                throw new AuditException("cannot open lock file " + shown + ": " + IoErrors.describe(e), e);
            }
        }
        throw new AuditException("cannot use lock file " + shown + ": it keeps changing while being opened");
    }

    /** The recorded state, or empty if there is none yet (the first run). */
    public Optional<AuditState> read() throws AuditException {
        Path path = located();
        Optional<PathStatus> status;
        try {
            status = TrustedFile.check(path, TrustedFile.Use.OWN_DATA);
        } catch (IOException e) {
            throw new AuditException("cannot use state file " + file + ": " + IoErrors.describe(e), e);
        }
        if (status.isEmpty()) {
            return Optional.empty();
        }
        if (status.get().size() > MAX_SIZE) {
            throw new AuditException("state file " + file + " is too large to be a listns audit state; not touching it");
        }
        byte[] bytes;
        try {
            bytes = TrustedFile.read(path, status.get(), MAX_SIZE);
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
            AtomicFile.write(located(), bytes, PERMISSIONS);
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
