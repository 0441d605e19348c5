package dev.listns.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The user whose rights this process acts with, and so the only one besides root whose files and
 * directories it trusts. The kernel gives /proc/self the effective uid as owner; Java has no getuid.
 */
public final class EffectiveUser {
    private EffectiveUser() {
    }

    public static int uid() throws IOException {
        return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    }

    /** Root, or the user this process runs as: nobody else may own what listns reads as its own or writes through. */
    static boolean isTrusted(int owner, int user) {
        return owner == 0 || owner == user;
    }
}
