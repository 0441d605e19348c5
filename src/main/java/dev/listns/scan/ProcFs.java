package dev.listns.scan;

import dev.listns.nativeaccess.FileStatus;
import dev.listns.nativeaccess.FileSyscalls;
import dev.listns.nativeaccess.NativeException;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Reads a procfs tree rooted anywhere (the real /proc, or a fake tree in tests). Every read answers
 * empty instead of failing: processes vanish mid-scan on any live host, and that is not an error.
 * Permission denials are counted so the scan can say once that its results are partial.
 *
 * <p>With native file calls (Java 22+), reads skip the JDK's file API, whose per-call objects and
 * exceptions cost more than the kernel's work on a crowded host. Paths that are not plain ASCII keep
 * the JDK's API, which carries a file name's exact bytes; so does every read made while the native
 * calls are still being linked (see {@link FileCallsLink}).
 */
public final class ProcFs {
    /** How much of one file is read at most; see {@link #read(Path)}. */
    public static final int READ_LIMIT = 16 << 20;
    /** A read buffer per thread; a subclass rather than ThreadLocal.withInitial's lambda (see NativeAccess.loader). */
    private static final ThreadLocal<byte[]> BUFFER = new ThreadLocal<>() {
        @Override
        protected byte[] initialValue() {
            return new byte[8192];
        }
    };

    private final Path root;
    private final FileCallsLink files;
    private final AtomicInteger denied = new AtomicInteger();
    private final AtomicReference<Path> firstDenied = new AtomicReference<>();

    public ProcFs(Path root) {
        this(root, Optional.empty());
    }

    /** Whether the root is a procfs; asked once (see {@link #isProcfs}). */
    private volatile Boolean procfs;

    public ProcFs(Path root, Optional<FileSyscalls> files) {
        this(root, FileCallsLink.linked(files));
    }

    ProcFs(Path root, FileCallsLink files) {
        this.root = root;
        this.files = files;
    }

    /** Whether the native file calls are still being linked; reads take the JDK's way meanwhile. */
    boolean linking() {
        return files.ifLinked() == null;
    }

    /** Waits until the native file calls are linked, or known to be missing. */
    void awaitLink() {
        files.awaited();
    }

    public Path root() {
        return root;
    }

    /**
     * The native calls, for those that name processes by PID rather than by path: only when this tree's
     * PIDs are the caller's, that is when the root's {@code self} names this very process (not in a fake
     * tree, nor in a /proc mounted from another PID namespace).
     */
    Optional<FileSyscalls> pidSyscalls() {
        Optional<FileSyscalls> files = this.files.awaited();
        if (files.isEmpty()) {
            return files;
        }
        String self = Long.toString(ProcessHandle.current().pid());
        Optional<String> named = readLink(root.resolve("self"));
        return named.isPresent() && named.get().equals(self) ? files : Optional.empty();
    }

    /**
     * Whether the root is a procfs (not a fake tree of files and links): its {@code ns} links are then
     * the kernel's, which lead to nothing but namespace files. Only root can mount a procfs where listns
     * reads, so nothing another user made can pass for one.
     */
    boolean isProcfs() {
        Boolean known = procfs;
        if (known == null) {
            try {
                known = "proc".equals(Files.getFileStore(root).type());
            } catch (IOException | RuntimeException e) {
                known = false;
            }
            procfs = known;
        }
        return known;
    }

    public Path pidDir(int pid) {
        return root.resolve(Integer.toString(pid));
    }

    /**
     * One process's directory, for the walk's reads below it; close it when done. With native file calls
     * it is held open, so the kernel looks the process up once rather than once per file.
     */
    ProcessDirectory process(int pid) {
        Path dir = pidDir(pid);
        Optional<FileSyscalls> sys = nativeFor(dir);
        if (sys.isEmpty()) {
            return new PathDirectory(this, dir);
        }
        int fd;
        try {
            fd = sys.get().openDirectory(FileSyscalls.NO_DIRECTORY, dir.toString());
        } catch (NativeException e) {
            noteFailure(dir, e);
            fd = DescriptorDirectory.GONE;
        }
        return new DescriptorDirectory(this, sys.get(), dir, fd);
    }

    /** The numeric entries of a directory (PIDs under the root, TIDs under task/, fds under fd/), ascending. */
    public int[] numericEntries(Path dir) {
        Optional<ProcessDirectory> absolute = absolute(dir);
        if (absolute.isPresent()) {
            return absolute.get().numericEntries(dir.toString());
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            return numbers(dir, entries);
        } catch (IOException | RuntimeException e) {
            noteFailure(dir, e);
            return new int[0];
        }
    }

    /** The numeric names among {@code entries} (of {@code dir}), ascending; those read before a failure, which is noted. */
    int[] numbers(Path dir, DirectoryStream<Path> entries) {
        int[] found = new int[64];
        int count = 0;
        try {
            for (Path entry : entries) {
                int value = parseNumber(entry.getFileName().toString());
                if (value >= 0) {
                    if (count == found.length) {
                        found = Arrays.copyOf(found, count * 2);
                    }
                    found[count++] = value;
                }
            }
        } catch (RuntimeException e) {
            // DirectoryIteratorException: the directory went away or could no longer be read
            noteFailure(dir, e);
        }
        int[] result = Arrays.copyOf(found, count);
        Arrays.sort(result);
        return result;
    }

    /** Names in a directory; empty when it is gone or unreadable. */
    public List<String> list(Path dir) {
        List<String> names = new ArrayList<>();
        for (Path entry : entries(dir)) {
            names.add(entry.getFileName().toString());
        }
        return names;
    }

    /**
     * The entries of a directory as paths. Unlike names, these keep the file name's exact bytes, which
     * a String cannot carry in every locale (a name with {@code ü} under LANG=C, or any invalid UTF-8).
     */
    public List<Path> entries(Path dir) {
        List<Path> paths = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                paths.add(entry);
            }
        } catch (IOException | RuntimeException e) {
            noteFailure(dir, e);
        }
        return paths;
    }

    public Optional<String> readLink(Path link) {
        return Optional.ofNullable(readLinkOrDenied(link).target());
    }

    /** A link's target, or why there is none: denied (it exists, but not for us) or vanished. */
    public record LinkTarget(String target, boolean denied) {
        static final LinkTarget VANISHED = new LinkTarget(null, false);
    }

    /**
     * A file's status, or why there is none: denied (it exists, but not for us) or vanished. {@code key}
     * is what {@link ProcessDirectory#sameFileKey} answers for the same file: the status itself, or the
     * JDK's file key it was read from.
     */
    public record Stat(FileStatus status, boolean denied, Object key) {
        static final Stat VANISHED = new Stat(null, false);

        public Stat(FileStatus status, boolean denied) {
            this(status, denied, status);
        }
    }

    public LinkTarget readLinkOrDenied(Path link) {
        Optional<ProcessDirectory> absolute = absolute(link);
        if (absolute.isPresent()) {
            return absolute.get().readLink(link.toString());
        }
        try {
            return new LinkTarget(Files.readSymbolicLink(link).toString(), false);
        } catch (IOException | RuntimeException e) {
            noteFailure(link, e);
            return new LinkTarget(null, e instanceof AccessDeniedException);
        }
    }

    /**
     * The file's first {@link #READ_LIMIT} bytes, which is all of any real one: a megabyte command line
     * is still read whole, but a command line of gigabytes (a large stack limit allows one) or a mount
     * table another user filled with a hundred thousand long mount points cannot exhaust the heap.
     */
    public Optional<byte[]> read(Path file) {
        Optional<ProcessDirectory> absolute = absolute(file);
        if (absolute.isPresent()) {
            return absolute.get().read(file.toString());
        }
        byte[] buffer = BUFFER.get();
        try (InputStream in = new FileInputStream(file.toFile())) {
            // Most /proc files fit one read into a reused buffer; only long ones need growing.
            int length = 0;
            for (int n; length < READ_LIMIT && (n = in.read(buffer, length, buffer.length - length)) > 0; ) {
                length += n;
                if (length == buffer.length && length < READ_LIMIT) {
                    buffer = Arrays.copyOf(buffer, buffer.length * 2);
                }
            }
            return Optional.of(Arrays.copyOf(buffer, length));
        } catch (IOException | RuntimeException e) {
            noteFailure(file, e);
            return Optional.empty();
        }
    }

    public Optional<String> readText(Path file) {
        Optional<byte[]> bytes = read(file);
        return bytes.isPresent() ? Optional.of(Utf8.DECODER.decode(bytes.get())) : Optional.empty();
    }

    /** stat(2) following links: device, inode and type of what the path points at. */
    public Optional<FileStatus> stat(Path path) {
        return Optional.ofNullable(statOrDenied(path).status());
    }

    public Stat statOrDenied(Path path) {
        Optional<ProcessDirectory> absolute = absolute(path);
        if (absolute.isPresent()) {
            return absolute.get().statOrDenied(path.toString());
        }
        try {
            Map<String, Object> attributes = Files.readAttributes(path, "unix:dev,ino,mode,uid");
            return new Stat(new FileStatus((Long) attributes.get("dev"), (Long) attributes.get("ino"),
                    (Integer) attributes.get("mode"), (Integer) attributes.get("uid")), false);
        } catch (IOException | RuntimeException e) {
            noteFailure(path, e);
            return new Stat(null, e instanceof AccessDeniedException);
        }
    }

    /**
     * What identifies a file (see {@link ProcessDirectory#identifyOrDenied}). Through the JDK it is its
     * basic attributes, whose file key carries device and inode: the "unix:" attribute view that
     * {@link #statOrDenied} reads builds maps and sets of names for every call, which cost a cold JVM
     * about a third of a millisecond per descriptor and most of its JIT's work on a small host.
     */
    public Stat identifyOrDenied(Path path) {
        Optional<ProcessDirectory> absolute = absolute(path);
        if (absolute.isPresent()) {
            return absolute.get().identifyOrDenied(path.toString());
        }
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (IOException | RuntimeException e) {
            return unidentified(path, e);
        }
        Stat stat = identified(attributes);
        // A JDK whose file key reads otherwise than this one's: the attribute view, as for any stat.
        return stat != null ? stat : statOrDenied(path);
    }

    /**
     * {@link #identifyOrDenied} from a file's basic attributes, however they were read; null from a JDK
     * whose file key reads otherwise than this one's, where the caller reads the attribute view instead.
     */
    static Stat identified(BasicFileAttributes attributes) {
        FileStatus status = JdkFileKey.status(attributes);
        return status != null ? new Stat(status, false, attributes.fileKey()) : null;
    }

    /** {@link #identifyOrDenied} when reading {@code path}'s attributes failed with {@code e}: noted, and denied or gone. */
    Stat unidentified(Path path, Exception e) {
        noteFailure(path, e);
        return new Stat(null, e instanceof AccessDeniedException);
    }

    /**
     * The JDK's file key of what {@code path} leads to (see {@link ProcessDirectory#sameFileKey}): equal
     * keys, same device and inode. Null when it cannot be told (a JDK without file keys, a failure); a
     * failure is not counted here, since the caller then reads the file as any other, which counts it.
     */
    Object fileKey(Path path) {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class).fileKey();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    public int deniedCount() {
        return denied.get();
    }

    public Optional<Path> firstDenied() {
        return Optional.ofNullable(firstDenied.get());
    }

    /** Native reads by absolute path, where native file calls are at hand and the path is plain ASCII. */
    private Optional<ProcessDirectory> absolute(Path path) {
        Optional<FileSyscalls> sys = nativeFor(path);
        return sys.isPresent() ? Optional.of(new DescriptorDirectory(this, sys.get(), Path.of(""), FileSyscalls.NO_DIRECTORY))
                : Optional.empty();
    }

    private Optional<FileSyscalls> nativeFor(Path path) {
        Optional<FileSyscalls> files = this.files.ifLinked();
        if (files == null || files.isEmpty()) {
            return Optional.empty();
        }
        String text = path.toString();
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return Optional.empty();
            }
        }
        return files;
    }

    void noteFailure(Path path, Exception e) {
        if (e instanceof AccessDeniedException) {
            noteDenied(path);
        }
    }

    /** A failed read of {@code relative} under {@code dir}; the path is only built when it is worth recording. */
    void noteFailure(Path dir, String relative, NativeException e) {
        if (e.errno() == NativeException.EACCES) {
            noteDenied(dir.resolve(relative));
        }
    }

    private void noteFailure(Path path, NativeException e) {
        if (e.errno() == NativeException.EACCES) {
            noteDenied(path);
        }
    }

    private void noteDenied(Path path) {
        denied.incrementAndGet();
        firstDenied.compareAndSet(null, path);
    }

    static int parseNumber(String name) {
        int length = name.length();
        if (length == 0 || length > 9) {
            return -1;
        }
        int value = 0;
        for (int i = 0; i < length; i++) {
            char c = name.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
