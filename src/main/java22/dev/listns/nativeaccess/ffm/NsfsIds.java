package dev.listns.nativeaccess.ffm;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.listns.nativeaccess.NativeException;

/** The nsfs ioctls that answer a namespace's 64-bit id through a pointer ({@code include/uapi/linux/nsfs.h}). */
final class NsfsIds {
    /** _IOR(NSIO = 0xb7, 5, __u64), Linux 6.11: mount namespaces only. */
    static final long NS_GET_MNTNS_ID = 0x8008b705L;
    /** _IOR(0xb7, 13, __u64), Linux 6.18: every type; for a mount namespace the same number as NS_GET_MNTNS_ID. */
    static final long NS_GET_ID = 0x8008b70dL;

    private NsfsIds() {
    }

    static long ask(ThreadBuffers s, String name, int nsFd, long request) throws NativeException {
        Libc.call(name, s.errno, Libc.IOCTL, nsFd, request, s.word.address(), 0, 0);
        return s.word.get(JAVA_LONG, 0);
    }
}
