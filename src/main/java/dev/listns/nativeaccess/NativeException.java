package dev.listns.nativeaccess;

/** A failed system call, with the errno the kernel gave. */
public final class NativeException extends Exception {
    private static final long serialVersionUID = 1L;

    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    public static final int ESRCH = 3;
    public static final int E2BIG = 7;
    public static final int EBADF = 9;
    public static final int EACCES = 13;
    public static final int EINVAL = 22;
    public static final int ENOTTY = 25;
    public static final int ENOSYS = 38;
    public static final int ESTALE = 116;

    private final int errno;

    public NativeException(String call, int errno) {
        super(call + " failed: errno " + errno);
        this.errno = errno;
    }

    public int errno() {
        return errno;
    }

    /** The process or descriptor went away: normal on a live host, never worth a warning. */
    public boolean isVanished() {
        return errno == ESRCH || errno == ENOENT || errno == EBADF;
    }
}
