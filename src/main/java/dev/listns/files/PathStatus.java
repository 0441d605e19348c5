package dev.listns.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code lstat} says of one directory entry: its type, owner, mode, links and identity. Read
 * through NIO's "unix" view, which is the only way plain Java 17 learns the owner's uid and the link
 * count without following a symbolic link.
 */
public record PathStatus(int mode, int uid, int links, long size, long device, long inode) {
    private static final int TYPE = 0170000;
    private static final int DIRECTORY = 0040000;
    private static final int REGULAR = 0100000;
    private static final int SYMBOLIC_LINK = 0120000;
    private static final int STICKY = 01000;
    private static final int GROUP_OR_OTHER_WRITE = 0022;

    /** The entry itself, never what a symbolic link points to; empty if there is none. */
    public static Optional<PathStatus> of(Path path) throws IOException {
        Map<String, Object> unix;
        try {
            unix = Files.readAttributes(path, "unix:mode,uid,nlink,size,dev,ino", LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        return Optional.of(new PathStatus((Integer) unix.get("mode"), (Integer) unix.get("uid"),
                (Integer) unix.get("nlink"), (Long) unix.get("size"), (Long) unix.get("dev"), (Long) unix.get("ino")));
    }

    public boolean isDirectory() {
        return (mode & TYPE) == DIRECTORY;
    }

    public boolean isRegularFile() {
        return (mode & TYPE) == REGULAR;
    }

    public boolean isSymbolicLink() {
        return (mode & TYPE) == SYMBOLIC_LINK;
    }

    public boolean isSticky() {
        return (mode & STICKY) != 0;
    }

    /** Writable by the group or by everyone: by someone other than the owner, as far as the mode tells. */
    public boolean isWritableByOthers() {
        return (mode & GROUP_OR_OTHER_WRITE) != 0;
    }

    /** The permission bits as {@code ls -l} users read them in octal, e.g. {@code 1777}. */
    public String permissions() {
        return Integer.toOctalString(mode & 07777);
    }

    /** The same inode on the same filesystem: the entry was not replaced in between. */
    public boolean sameFileAs(PathStatus other) {
        return device == other.device && inode == other.inode;
    }
}
