package dev.listns.testing;

import dev.listns.model.ScanRequest;
import dev.listns.model.ScanResult;
import dev.listns.nativeaccess.NativeAccess;
import dev.listns.scan.ProcFsScanner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A fake procfs tree in a temporary directory, written the way the kernel lays it out:
 * {@code <root>/<pid>/{stat,cmdline,cgroup,ns/*,task/<tid>/ns/*}} and {@code <root>/self}. Namespace links
 * are dangling symlinks such as {@code net -> net:[4026532000]}, which read back exactly like the real ones.
 *
 * <pre>{@code
 * FakeProc proc = new FakeProc(tempDir);
 * proc.process(2).comm("kthreadd").ppid(0).initialNamespaces();
 * proc.process(500).comm("nginx").cmdline("nginx", "-g", "daemon off;").initialNamespaces().ns("net", 4026532000L);
 * proc.self(2);
 * ScanResult result = proc.scan();
 * }</pre>
 */
public final class FakeProc {
    /** The initial namespaces of a recent kernel, by link name. */
    public static final Map<String, Long> INITIAL = initial();

    private final Path root;
    private final Path netnsDir;
    private boolean nativeFiles;
    private boolean filesLate;

    public FakeProc(Path tempDir) {
        this.root = tempDir.resolve("proc");
        this.netnsDir = tempDir.resolve("netns");
        createDirectories(root);
        createDirectories(netnsDir);
    }

    private static Map<String, Long> initial() {
        Map<String, Long> links = new LinkedHashMap<>();
        links.put("cgroup", 4026531835L);
        links.put("ipc", 4026531839L);
        links.put("mnt", 4026531832L);
        links.put("net", 4026531833L);
        links.put("pid", 4026531836L);
        links.put("pid_for_children", 4026531836L);
        links.put("time", 4026531834L);
        links.put("time_for_children", 4026531834L);
        links.put("user", 4026531837L);
        links.put("uts", 4026531838L);
        return Collections.unmodifiableMap(links);
    }

    /** The initial inode of one type ({@code "net"}, ...). */
    public static long initial(String type) {
        return INITIAL.get(type);
    }

    public Path root() {
        return root;
    }

    public Path netnsDir() {
        return netnsDir;
    }

    public List<Path> netnsDirs() {
        return List.of(netnsDir);
    }

    /** Makes {@link #scanner()} read the tree through native file calls (Java 22+), as the real host is read. */
    public FakeProc readNatively() {
        nativeFiles = true;
        return this;
    }

    /**
     * Makes {@link #scanner()} link its native file calls (if any) only when the scan waits for them: the
     * walk then reads every process through the JDK's file API and settles threads' descriptor tables
     * after it, as on a host whose cold JVM is still linking when the walk ends.
     */
    public FakeProc linkFilesLate() {
        nativeFiles = true;
        filesLate = true;
        return this;
    }

    /** A scanner over this tree, as root, without native namespace calls: what the CLI tests wire up too. */
    public ProcFsScanner scanner() {
        ProcFsScanner scanner = new ProcFsScanner(root, netnsDirs(), Optional::empty,
                nativeFiles ? NativeAccess::loadFiles : Optional::empty, true);
        return filesLate ? scanner.linkingFilesWhenAwaited() : scanner;
    }

    public ScanResult scan() {
        return scanner().scan();
    }

    public ScanResult scan(ScanRequest request) {
        return scanner().scan(request);
    }

    /**
     * init, kthreadd and listns itself (PID 300, {@code self}), none chrooted, all in the initial
     * namespaces: the host most scans start from. Answers listns's process, for its mount table.
     */
    public Process hostRunningListns() {
        process(1).comm("systemd").ppid(0).initialNamespaces().root("/");
        process(2).comm("kthreadd").ppid(0).initialNamespaces().root("/");
        Process listns = process(300).comm("java").initialNamespaces().root("/");
        self(300);
        return listns;
    }

    /** The device number of nsfs on this machine, which {@link #anchorNsfs} lets a scan learn. */
    public static long nsfsDevice() {
        try {
            return ((Number) Files.getAttribute(Path.of("/proc/self/ns/net"), "unix:dev")).longValue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A process with a plausible stat and an empty ns directory; the setters fill it in. */
    public Process process(int pid) {
        return new Process(root.resolve(Integer.toString(pid)), pid);
    }

    /** {@code <root>/self -> pid}: the process that runs the scan. */
    public FakeProc self(int pid) {
        symlink(root.resolve("self"), Integer.toString(pid));
        return this;
    }

    /** A directory named like a PID with nothing in it: a process that exited before its stat was read. */
    public FakeProc emptyPidDir(int pid) {
        createDirectories(root.resolve(Integer.toString(pid)));
        return this;
    }

    /** A plain file left in the netns directory (say, after a crash or a failed "ip netns add"): not a namespace. */
    public Path staleNetns(String name) {
        Path file = netnsDir.resolve(name);
        write(file, new byte[0]);
        return file;
    }

    /**
     * Makes {@code <self>/ns/net} resolve to this JVM's real network namespace file, so the scanner learns
     * the nsfs device number as it would on a real host (and only then looks at the netns directory). The
     * link still reads back as the fake {@code net:[inode]}. Call after {@link #self} and the self process's
     * {@code ns("net", ...)}.
     */
    public FakeProc anchorNsfs() {
        Path nsDir = root.resolve("self").resolve("ns");
        String linkText = readLink(nsDir.resolve("net"));
        symlink(nsDir.resolve(linkText), "/proc/self/ns/net");
        return this;
    }

    /**
     * An entry in the netns directory that stats as a real nsfs file (it links to this JVM's network
     * namespace), as {@code ip netns add NAME} leaves one. Answers that namespace's inode.
     */
    public long namedNetns(String name) {
        symlink(netnsDir.resolve(name), "/proc/self/ns/net");
        return realNetInode();
    }

    /** The inode of this JVM's own network namespace. */
    public static long realNetInode() {
        try {
            return ((Number) Files.getAttribute(Path.of("/proc/self/ns/net"), "unix:ino")).longValue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One fake process; every setter rewrites its files at once. */
    public final class Process {
        private final Path dir;
        private final int pid;
        private final Map<String, Long> links = new LinkedHashMap<>();
        private String comm;
        private char state = 'S';
        private int ppid = 1;
        private int threads = 1;
        private long startTime = 4242;

        private Process(Path dir, int pid) {
            this.dir = dir;
            this.pid = pid;
            this.comm = "proc" + pid;
            createDirectories(dir.resolve("ns"));
            writeStat();
            write(dir.resolve("cmdline"), new byte[0]);
            write(dir.resolve("cgroup"), "0::/\n".getBytes(StandardCharsets.UTF_8));
        }

        public int pid() {
            return pid;
        }

        public Path dir() {
            return dir;
        }

        public Process ppid(int ppid) {
            this.ppid = ppid;
            writeStat();
            return this;
        }

        /** The command name in stat (the kernel keeps at most 15 bytes; this does not check). */
        public Process comm(String comm) {
            this.comm = comm;
            writeStat();
            return this;
        }

        public Process state(char state) {
            this.state = state;
            writeStat();
            return this;
        }

        /** num_threads in stat; {@link #thread} raises it to the number of task entries. */
        public Process threads(int threads) {
            this.threads = threads;
            writeStat();
            return this;
        }

        /** starttime in stat: a PID reused by a new process has another. */
        public Process startTime(long startTime) {
            this.startTime = startTime;
            writeStat();
            return this;
        }

        /** argv as the kernel stores it: each argument followed by a NUL. */
        public Process cmdline(String... argv) {
            StringBuilder text = new StringBuilder();
            for (String arg : argv) {
                text.append(arg).append('\0');
            }
            return cmdline(text.toString().getBytes(StandardCharsets.UTF_8));
        }

        /** The raw bytes of /proc/PID/cmdline, for invalid UTF-8 and other hostile content. */
        public Process cmdline(byte[] raw) {
            write(dir.resolve("cmdline"), raw);
            return this;
        }

        /** /proc/PID/status with {@code Uid:} (real, effective, saved, fs) all {@code uid}: the process's owner. */
        public Process uid(int uid) {
            write(dir.resolve("status"), ("Name:\t" + comm + "\nState:\tS (sleeping)\nUid:\t" + uid + "\t" + uid + "\t" + uid
                    + "\t" + uid + "\n").getBytes(StandardCharsets.UTF_8));
            return this;
        }

        /** The text of /proc/PID/cgroup, e.g. {@code 0::/system.slice/docker-<id>.scope}. */
        public Process cgroup(String text) {
            write(dir.resolve("cgroup"), (text.endsWith("\n") ? text : text + "\n").getBytes(StandardCharsets.UTF_8));
            return this;
        }

        /** {@code root -> target}: "/" for a process that is not chrooted. */
        public Process root(String target) {
            symlink(dir.resolve("root"), target);
            return this;
        }

        /** The process's mountinfo, one line per mount as proc(5) describes it. */
        public Process mountinfo(String... lines) {
            write(dir.resolve("mountinfo"), (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
            return this;
        }

        /** Every link of {@link #INITIAL}. */
        public Process initialNamespaces() {
            INITIAL.forEach(this::ns);
            return this;
        }

        /** {@code ns/<link> -> <type>:[inode]}; the link may be {@code pid_for_children} or {@code time_for_children}. */
        public Process ns(String link, long inode) {
            links.put(link, inode);
            nsLink(dir.resolve("ns"), link, inode);
            return this;
        }

        /** No ns directory at all, as when the process exits between reading its stat and its links. */
        /** Descriptor {@code fd} of the process's table, a link reading {@code target} ({@code net:[INODE]}...). */
        public Process fd(int fd, String target) {
            Path fdDir = dir.resolve("fd");
            createDirectories(fdDir);
            symlink(fdDir.resolve(Integer.toString(fd)), target);
            return this;
        }

        public Process withoutNsDir() {
            deleteTree(dir.resolve("ns"));
            return this;
        }

        /** The whole directory gone, as when the process exits after the scan. */
        public void vanish() {
            deleteTree(dir);
        }

        /** No stat, as when the process exits before its stat is read. */
        public Process withoutStat() {
            delete(dir.resolve("stat"));
            return this;
        }

        /**
         * A thread {@code task/<tid>} that starts in the process's namespaces as set so far; its own
         * {@link Thread#ns} moves it elsewhere. Also makes the main thread's entry {@code task/<pid>}.
         */
        public Thread thread(int tid) {
            Path taskDir = dir.resolve("task");
            createDirectories(taskDir.resolve(Integer.toString(pid)));
            Path threadDir = taskDir.resolve(Integer.toString(tid));
            createDirectories(threadDir.resolve("ns"));
            links.forEach((link, inode) -> nsLink(threadDir.resolve("ns"), link, inode));
            try (Stream<Path> tasks = Files.list(taskDir)) {
                threads = Math.max(threads, (int) tasks.count());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            writeStat();
            return new Thread(threadDir);
        }

        /** The real format: 52 fields, comm in parentheses, num_threads the 18th field after the ')'. */
        private void writeStat() {
            List<String> fields = new ArrayList<>(List.of(
                    String.valueOf(state), // state
                    String.valueOf(ppid), // ppid
                    String.valueOf(pid), // pgrp
                    String.valueOf(pid), // session
                    "0", "-1", // tty_nr, tpgid
                    "4194560", // flags
                    "120", "0", "3", "0", // minflt cminflt majflt cmajflt
                    "5", "7", "0", "0", // utime stime cutime cstime
                    "20", "0", // priority nice
                    String.valueOf(threads), // num_threads
                    "0", // itrealvalue
                    String.valueOf(startTime), // starttime
                    "12345678", "321")); // vsize rss
            while (fields.size() < 50) {
                fields.add("0");
            }
            write(dir.resolve("stat"), (pid + " (" + comm + ") " + String.join(" ", fields) + "\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
    }

    /** One fake thread of a process. */
    public static final class Thread {
        private final Path dir;

        private Thread(Path dir) {
            this.dir = dir;
        }

        public Thread ns(String link, long inode) {
            nsLink(dir.resolve("ns"), link, inode);
            return this;
        }

        /**
         * Descriptor {@code fd} of a table of the thread's own (as after unshare(CLONE_FILES)); a thread
         * given none has an empty table here.
         */
        public Thread fd(int fd, String target) {
            Path fdDir = dir.resolve("fd");
            createDirectories(fdDir);
            symlink(fdDir.resolve(Integer.toString(fd)), target);
            return this;
        }
    }

    private static void nsLink(Path nsDir, String link, long inode) {
        String type = link.replace("_for_children", "");
        symlink(nsDir.resolve(link), type + ":[" + inode + "]");
    }

    private static void symlink(Path link, String target) {
        try {
            Files.deleteIfExists(link);
            Files.createSymbolicLink(link, Path.of(target));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readLink(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, byte[] content) {
        try {
            Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(FakeProc::delete);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
