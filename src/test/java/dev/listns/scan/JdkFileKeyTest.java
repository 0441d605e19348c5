package dev.listns.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.listns.nativeaccess.FileStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Map;

/** The file key's text against the "unix:" attribute view, on this JVM's real files. */
class JdkFileKeyTest {
    @TempDir
    Path tempDir;

    private static FileStatus viaKey(Path path) throws IOException {
        return JdkFileKey.status(Files.readAttributes(path, BasicFileAttributes.class));
    }

    private static void assertSameFileAsTheAttributeView(Path path, FileStatus status) throws IOException {
        Map<String, Object> view = Files.readAttributes(path, "unix:dev,ino");
        assertThat(status).as("%s", path).isNotNull();
        assertThat(status.device()).as("device of %s", path).isEqualTo(view.get("dev"));
        assertThat(status.inode()).as("inode of %s", path).isEqualTo(view.get("ino"));
        assertThat(status.uid()).isEqualTo(FileStatus.UNKNOWN_UID);
    }

    @Test
    void aRegularFileIsTheViewsFileWithItsType() throws IOException {
        Path file = Files.writeString(tempDir.resolve("file"), "x");

        FileStatus status = viaKey(file);

        assertSameFileAsTheAttributeView(file, status);
        assertThat(status.typeUntold()).isFalse();
        assertThat(status.isSocket()).isFalse();
    }

    @Test
    void aDirectoryIsTheViewsDirectory() throws IOException {
        assertSameFileAsTheAttributeView(tempDir, viaKey(tempDir));
        assertThat(viaKey(tempDir).typeUntold()).isFalse();
    }

    @Test
    void aNamespaceFileIsOnTheViewsDeviceWhereverItIs() throws IOException {
        Path net = Path.of("/proc/self/ns/net");

        assertSameFileAsTheAttributeView(net, viaKey(net));
    }

    @Test
    void aSocketIsTheViewsFileWithItsTypeUntold() throws IOException {
        Path path = tempDir.resolve("socket");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(path));

            FileStatus status = viaKey(path);

            assertSameFileAsTheAttributeView(path, status);
            assertThat(status.typeUntold()).isTrue();
        }
    }

    @Test
    void aKeyThatReadsOtherwiseGivesNothing() {
        for (Object key : new Object[] {null, "weird", "(dev=zz,ino=1)", "(dev=4,ino=)", "(dev=4,ino=12", "(dev=,ino=12)",
                "(dev=4,ino=-12)", "(dev=ffffffffffffffff,ino=1)", "(dev=4,ino=99999999999999999999)"}) {
            assertThat(JdkFileKey.status(attributesWithKey(key))).as("%s", key).isNull();
        }
        assertThat(JdkFileKey.status(attributesWithKey("(dev=1f,ino=4026531840)")))
                .isEqualTo(new FileStatus(31, 4026531840L, 0100000));
    }

    private static BasicFileAttributes attributesWithKey(Object key) {
        return new BasicFileAttributes() {
            @Override
            public FileTime lastModifiedTime() {
                return FileTime.fromMillis(0);
            }

            @Override
            public FileTime lastAccessTime() {
                return FileTime.fromMillis(0);
            }

            @Override
            public FileTime creationTime() {
                return FileTime.fromMillis(0);
            }

            @Override
            public boolean isRegularFile() {
                return true;
            }

            @Override
            public boolean isDirectory() {
                return false;
            }

            @Override
            public boolean isSymbolicLink() {
                return false;
            }

            @Override
            public boolean isOther() {
                return false;
            }

            @Override
            public long size() {
                return 0;
            }

            @Override
            public Object fileKey() {
                return key;
            }
        };
    }
}
