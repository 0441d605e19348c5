package dev.listns.scan;

import dev.listns.nativeaccess.FileSyscalls;
import dev.listns.nativeaccess.NativeException;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A process directory held open as a descriptor: the kernel looks up {@code /proc/PID} once, and every
 * read below it starts there. When the process was already gone, every read answers empty. With
 * {@link FileSyscalls#NO_DIRECTORY}, names are absolute paths: how {@link ProcFs} reads natively.
 */
final class DescriptorDirectory implements ProcessDirectory {
    /** The descriptor of a directory that could not be opened: the process was gone. */
    static final int GONE = -1;
    private static final int[] NONE = new int[0];

    private final ProcFs proc;
    private final FileSyscalls sys;
    private final Path dir;
    private final int fd;

    /**
     * @param dir what names are relative to, for messages
     * @param fd the directory's descriptor; {@link FileSyscalls#NO_DIRECTORY} for absolute names; {@link #GONE}
     */
    DescriptorDirectory(ProcFs proc, FileSyscalls sys, Path dir, int fd) {
        this.proc = proc;
        this.sys = sys;
        this.dir = dir;
        this.fd = fd;
    }

    @Override
    public Optional<byte[]> read(String file) {
        if (fd == GONE) {
            return Optional.empty();
        }
        try {
            return Optional.of(sys.read(fd, file, ProcFs.READ_LIMIT));
        } catch (NativeException e) {
            proc.noteFailure(dir, file, e);
            return Optional.empty();
        }
    }

    @Override
    public ProcFs.LinkTarget readLink(String link) {
        if (fd == GONE) {
            return ProcFs.LinkTarget.VANISHED;
        }
        try {
            return new ProcFs.LinkTarget(sys.readLink(fd, link), false);
        } catch (NativeException e) {
            proc.noteFailure(dir, link, e);
            return new ProcFs.LinkTarget(null, e.errno() == NativeException.EACCES);
        }
    }

    @Override
    public int[] numericEntries(String name) {
        if (fd == GONE) {
            return NONE;
        }
        try {
            return sys.numericEntries(fd, name);
        } catch (NativeException e) {
            proc.noteFailure(dir, name, e);
            return NONE;
        }
    }

    @Override
    public ProcFs.Stat statOrDenied(String file) {
        if (fd == GONE) {
            return ProcFs.Stat.VANISHED;
        }
        try {
            return new ProcFs.Stat(sys.stat(fd, file), false);
        } catch (NativeException e) {
            proc.noteFailure(dir, file, e);
            return new ProcFs.Stat(null, e.errno() == NativeException.EACCES);
        }
    }

    /** The status itself, as {@link #statOrDenied} reads it; a failure is left to the caller's next read to count. */
    @Override
    public Object sameFileKey(String file) {
        if (fd == GONE) {
            return null;
        }
        try {
            return sys.stat(fd, file);
        } catch (NativeException e) {
            return null;
        }
    }

    /** The held descriptor reopened through itself ({@code openat(fd, ".")}), so a reused PID cannot slip in. */
    @Override
    public ProcessDirectory another() {
        if (fd < 0) {
            return new DescriptorDirectory(proc, sys, dir, fd); // gone, or absolute names: nothing held
        }
        try {
            return new DescriptorDirectory(proc, sys, dir, sys.openDirectory(fd, "."));
        } catch (NativeException e) {
            proc.noteFailure(dir, ".", e);
            return new DescriptorDirectory(proc, sys, dir, GONE);
        }
    }

    @Override
    public void close() {
        if (fd >= 0) {
            sys.close(fd);
        }
    }
}
