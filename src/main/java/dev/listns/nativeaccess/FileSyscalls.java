package dev.listns.nativeaccess;

/**
 * The openat family, for reading {@code /proc}. A process's directory is looked up once and each file
 * under it relative to that descriptor, and no call builds the path objects, attribute maps and
 * exceptions that the JDK's file API does: on a crowded host those cost more than the kernel's work.
 *
 * <p>{@code path} is absolute, or relative to {@code dirFd}. Thread-safe. Descriptors returned here
 * belong to the listns process and must be given back with {@link #close(int)}. Implemented with
 * {@code java.lang.foreign} in {@code dev.listns.nativeaccess.ffm}; see {@link NativeAccess#loadFiles()}.
 */
public interface FileSyscalls {
    /** The dirFd meaning "the working directory" (AT_FDCWD), for absolute paths. */
    int NO_DIRECTORY = -100;

    /** openat(O_PATH): a directory to name files relative to. */
    int openDirectory(int dirFd, String path) throws NativeException;

    /**
     * The file's first {@code limit} bytes, or all of it when shorter. The limit is what keeps a file
     * another user makes endless or huge (a command line of gigabytes, a mount table of a million
     * mounts) from exhausting listns's memory; a megabyte command line is still read whole.
     */
    byte[] read(int dirFd, String path, int limit) throws NativeException;

    /** readlinkat(2): the link's target, decoded as UTF-8 (bytes that are not become U+FFFD). */
    String readLink(int dirFd, String path) throws NativeException;

    /** The entries of a directory whose names are decimal numbers (PIDs, TIDs, fds), ascending. */
    int[] numericEntries(int dirFd, String path) throws NativeException;

    /** stat(2) following links. */
    FileStatus stat(int dirFd, String path) throws NativeException;

    /**
     * kcmp(KCMP_FILES): whether two tasks, named by PID or TID in the caller's PID namespace, share one
     * descriptor table. A thread shares its process's unless it called unshare(CLONE_FILES).
     */
    boolean sameFileTable(int pid, int tid) throws NativeException;

    /** close(fd); errors are ignored because nothing useful can be done about them. */
    void close(int fd);
}
