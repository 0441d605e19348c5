package dev.listns.containers;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * {@link StateFileReader} with the JDK alone (Java 17 to 21, or a kernel without openat2). Each
 * directory on the way is opened relative to the one before with {@code O_NOFOLLOW}
 * ({@link SecureDirectoryStream}, openat on Linux), so no symbolic link is followed, however the path
 * changes meanwhile; the file is opened the same way. What Java cannot do is fstat the opened file, so
 * the checks are made on the directory entry just before and just after the open, by device and inode:
 * a regular file swapped in between would have to be a hard link to a file of someone else's, which
 * the kernel refuses to users unless {@code fs.protected_hardlinks} is off (it is on by default), and
 * a FIFO swapped in would block the open, which the caller's time limit ends.
 */
final class JavaStateFileReader implements StateFileReader {
    private static final LinkOption[] NO_FOLLOW = {LinkOption.NOFOLLOW_LINKS};

    @Override
    public byte[] read(Path realBase, List<String> relative, int owner, int limit) throws IOException {
        Path file = realBase.resolve(String.join("/", relative));
        Deque<DirectoryStream<Path>> opened = new ArrayDeque<>();
        try {
            DirectoryStream<Path> top = Files.newDirectoryStream(realBase);
            opened.push(top);
            if (!(top instanceof SecureDirectoryStream<Path> directory)) {
                throw refused(file, "this platform cannot open files relative to a directory");
            }
            for (String name : relative.subList(0, relative.size() - 1)) {
                if (!attributes(directory, name).isDirectory()) {
                    throw refused(file, name + " is not a directory");
                }
                directory = directory.newDirectoryStream(Path.of(name), NO_FOLLOW);
                opened.push(directory);
            }
            Path name = Path.of(relative.get(relative.size() - 1));
            Object inode = checked(directory, name, file, owner, limit);
            byte[] bytes;
            try (SeekableByteChannel channel = directory.newByteChannel(name,
                    Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS));
                 InputStream in = Channels.newInputStream(channel)) {
                bytes = in.readNBytes(limit + 1);
            }
            if (bytes.length > limit) {
                throw refused(file, "grew past " + limit + " bytes");
            }
            if (!inode.equals(attributes(directory, name.toString()).fileKey())) {
                throw refused(file, "was replaced while it was read");
            }
            return bytes;
        } finally {
            while (!opened.isEmpty()) {
                opened.pop().close();
            }
        }
    }

    /** The entry's file key, after checking that it is a regular file of {@code owner} with one link. */
    private static Object checked(SecureDirectoryStream<Path> directory, Path name, Path file, int owner, int limit)
            throws IOException {
        BasicFileAttributes entry = attributes(directory, name.toString());
        if (!entry.isRegularFile()) {
            throw refused(file, "is not a regular file");
        }
        if (entry.size() > limit) {
            throw refused(file, "is larger than " + limit + " bytes");
        }
        // The owner and link count are only to be had by path: they count only if that path still
        // leads to the entry the directory descriptor sees (same device and inode).
        Map<String, Object> unix = Files.readAttributes(file, "unix:uid,nlink,fileKey", NO_FOLLOW);
        if (!Objects.equals(unix.get("fileKey"), entry.fileKey())) {
            throw refused(file, "changed while it was checked");
        }
        if (!Integer.valueOf(owner).equals(unix.get("uid"))) {
            throw refused(file, "is owned by uid " + unix.get("uid") + ", not " + owner);
        }
        if (!Integer.valueOf(1).equals(unix.get("nlink"))) {
            throw refused(file, "has " + unix.get("nlink") + " hard links");
        }
        return entry.fileKey();
    }

    private static BasicFileAttributes attributes(SecureDirectoryStream<Path> directory, String name) throws IOException {
        return directory.getFileAttributeView(Path.of(name), BasicFileAttributeView.class, NO_FOLLOW).readAttributes();
    }

    private static FileSystemException refused(Path file, String reason) {
        return new FileSystemException(file.toString(), null, reason);
    }
}
