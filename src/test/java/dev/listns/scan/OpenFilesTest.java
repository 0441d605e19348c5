package dev.listns.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.listns.model.Baseline;
import dev.listns.model.NamespaceId;
import dev.listns.model.NamespaceType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How {@link OpenFiles} sorts descriptors, on a fake proc tree (no root needed). The fake tree's
 * {@code self/ns/net} is a plain file, so "nsfs" is the temporary directory's device here: a
 * descriptor that stats onto that device counts as a namespace file opened by path.
 */
class OpenFilesTest {
    @TempDir
    Path root;

    private Path openedByPath;

    @BeforeEach
    void fakeProc() throws IOException {
        Files.createSymbolicLink(root.resolve("self"), Path.of("100"));
        Files.createDirectories(root.resolve("100/ns"));
        Files.createFile(root.resolve("100/ns/net"));
        openedByPath = Files.createFile(root.resolve("bound-namespace-file"));
        Path fd = Files.createDirectories(root.resolve("100/fd"));
        link(fd, "3", "net:[4026532000]");
        link(fd, "4", "socket:[12345]");
        link(fd, "5", openedByPath.toString()); // a namespace file opened through a bind mount
        link(fd, "6", "/dev/null"); // a path on another device: an ordinary file
        link(fd, "7", "anon_inode:[eventpoll]");
        link(fd, "8", "pipe:[99]");
        link(fd, "9", "user:[4026531837]");
        link(fd, "10", root.resolve("gone").toString()); // a path that no longer resolves
        link(fd, "11", "net:[not-a-number]");
        link(fd, "12", "socket:[67890]");
        link(fd, "name", "net:[4026532001]"); // not a descriptor number
        Files.createDirectories(root.resolve("200/fd"));
        link(root.resolve("200/fd"), "0", "/dev/null");
        Files.createDirectories(root.resolve("300"));
    }

    @Test
    void sortsNamespaceDescriptorsAndSocketsFromEverythingElse() throws IOException {
        OpenFiles.ProcessFiles files = openFiles().of(100, 1);

        long inode = (Long) Files.getAttribute(openedByPath, "unix:ino");
        assertThat(files.namespaces()).containsExactly(
                new OpenFiles.NamespaceFd(0, 3, 4026532000L, Optional.of(new NamespaceId(NamespaceType.NET, 4026532000L))),
                new OpenFiles.NamespaceFd(0, 5, inode, Optional.empty()),
                new OpenFiles.NamespaceFd(0, 9, 4026531837L, Optional.of(new NamespaceId(NamespaceType.USER, 4026531837L))));
        assertThat(files.sockets()).containsExactly(4, 12);
    }

    @Test
    void processesWithoutSuchDescriptorsHaveNone() {
        OpenFiles open = openFiles();

        assertThat(open.of(200, 1)).isEqualTo(OpenFiles.ProcessFiles.NONE);
        assertThat(open.of(300, 1)).isEqualTo(OpenFiles.ProcessFiles.NONE);
        assertThat(open.of(404, 1)).isEqualTo(OpenFiles.ProcessFiles.NONE);
    }

    @Test
    void listsEachProcessOnce() throws IOException {
        OpenFiles open = openFiles();
        OpenFiles.ProcessFiles first = open.of(100, 1);
        link(root.resolve("100/fd"), "13", "net:[4026532002]");

        assertThat(open.of(100, 1)).isSameAs(first);
    }

    private OpenFiles openFiles() {
        ProcFs proc = new ProcFs(root);
        ScanContext context = new ScanContext(proc, new ProcessTable(List.of(), List.of()),
                new Baseline("test", Map.of()), new NativeSupport(Optional::empty));
        return new OpenFiles(context);
    }

    private static void link(Path dir, String name, String target) throws IOException {
        Files.createSymbolicLink(dir.resolve(name), Path.of(target));
    }
}
