package dev.listns.cli;

import dev.listns.model.NamespaceType;
import dev.listns.scan.ProcFsScanner;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * A procfs tree on disk with just what the scanner reads: stat, cmdline, cgroup and the namespace
 * links, which are ordinary symlinks to text like {@code net:[4026531840]}. No fds, mount tables or
 * native access, so every run over it gives the same namespaces on any machine, root or not.
 */
final class FakeProc {
    /** The host's initial namespaces, one inode per type. */
    static final Map<NamespaceType, Long> HOST = hostInodes();

    private final Path root;

    FakeProc(Path root) throws IOException {
        this.root = Files.createDirectories(root);
    }

    private static Map<NamespaceType, Long> hostInodes() {
        Map<NamespaceType, Long> inodes = new EnumMap<>(NamespaceType.class);
        long inode = 4026531834L;
        for (NamespaceType type : NamespaceType.values()) {
            inodes.put(type, inode++);
        }
        return inodes;
    }

    Path root() {
        return root;
    }

    /** A process in the host's namespaces except those named in {@code own}. */
    FakeProc process(int pid, int ppid, String comm, String cgroup, Map<NamespaceType, Long> own) throws IOException {
        Path dir = Files.createDirectories(root.resolve(Integer.toString(pid)));
        // Fields after the command: state, ppid, ... 17 threads, 18 itrealvalue, 19 starttime.
        String stat = pid + " (" + comm + ") S " + ppid + " 0".repeat(15) + " 1 0 " + (1000 + pid) + " 0 0\n";
        Files.writeString(dir.resolve("stat"), stat);
        Files.write(dir.resolve("cmdline"), (comm + "\0--fake\0").getBytes(StandardCharsets.UTF_8));
        Files.writeString(dir.resolve("cgroup"), "0::" + cgroup + "\n");
        Path ns = Files.createDirectories(dir.resolve("ns"));
        for (NamespaceType type : NamespaceType.values()) {
            long inode = own.getOrDefault(type, HOST.get(type));
            Files.createSymbolicLink(ns.resolve(type.label()), Path.of(type.label() + ":[" + inode + "]"));
        }
        return this;
    }

    /** {@code <root>/self}, the process listns takes itself for. */
    FakeProc self(int pid) throws IOException {
        Files.createSymbolicLink(root.resolve("self"), Path.of(Integer.toString(pid)));
        return this;
    }

    /** Runs listns over this tree; stdout and stderr are collected in the two writers. */
    int run(StringWriter out, StringWriter err, String... args) {
        Environment environment = new Environment(new PrintWriter(out), new PrintWriter(err), Terminal.notATerminal(),
                (procRoot, netnsDirs) -> new ProcFsScanner(procRoot, netnsDirs, Optional::empty, true));
        String[] all = new String[args.length + 4];
        all[0] = "--proc-root";
        all[1] = root.toString();
        all[2] = "--netns-dir";
        all[3] = root.resolve("no-netns").toString();
        System.arraycopy(args, 0, all, 4, args.length);
        return new Listns(environment).run(all);
    }
}
