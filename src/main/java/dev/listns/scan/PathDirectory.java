package dev.listns.scan;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/**
 * A process directory read by full paths, through {@link ProcFs}'s own reads; except that the directory
 * {@link #numericEntries} listed last is held open, and its entries' attributes are read relative to it
 * (fstatat through the JDK's {@link SecureDirectoryStream}): the kernel then looks up /proc/PID/fd once
 * per table rather than once per descriptor, which Java 17 to 21 pay for every thread's table.
 */
final class PathDirectory implements ProcessDirectory {
    private final ProcFs proc;
    private final Path dir;
    /** The directory {@link #numericEntries} listed last, and its name below {@link #dir}; null when none is held. */
    private SecureDirectoryStream<Path> listed;
    private String listedName;

    PathDirectory(ProcFs proc, Path dir) {
        this.proc = proc;
        this.dir = dir;
    }

    @Override
    public Optional<byte[]> read(String file) {
        return proc.read(dir.resolve(file));
    }

    @Override
    public ProcFs.LinkTarget readLink(String link) {
        return proc.readLinkOrDenied(dir.resolve(link));
    }

    @Override
    public int[] numericEntries(String name) {
        release();
        Path path = dir.resolve(name);
        DirectoryStream<Path> entries;
        try {
            entries = Files.newDirectoryStream(path);
        } catch (IOException | RuntimeException e) {
            proc.noteFailure(path, e);
            return new int[0];
        }
        int[] numbers = proc.numbers(path, entries);
        if (entries instanceof SecureDirectoryStream<Path> secure) {
            listed = secure;
            listedName = name;
        } else {
            close(entries);
        }
        return numbers;
    }

    /** {@code file}'s name within the held directory, if it is directly in it; else null. */
    private Path inListed(String file) {
        if (listed == null || !file.startsWith(listedName) || file.length() <= listedName.length() + 1
                || file.charAt(listedName.length()) != '/' || file.indexOf('/', listedName.length() + 1) >= 0) {
            return null;
        }
        return Path.of(file.substring(listedName.length() + 1));
    }

    private BasicFileAttributes attributesInListed(Path name) throws IOException {
        return listed.getFileAttributeView(name, BasicFileAttributeView.class).readAttributes();
    }

    @Override
    public ProcFs.Stat statOrDenied(String file) {
        return proc.statOrDenied(dir.resolve(file));
    }

    @Override
    public ProcFs.Stat identifyOrDenied(String file) {
        Path name = inListed(file);
        if (name == null) {
            return proc.identifyOrDenied(dir.resolve(file));
        }
        ProcFs.Stat stat;
        try {
            stat = ProcFs.identified(attributesInListed(name));
        } catch (IOException | RuntimeException e) {
            return proc.unidentified(dir.resolve(file), e);
        }
        // The full path is built only where it is needed: a failure's message, or the attribute view.
        return stat != null ? stat : proc.statOrDenied(dir.resolve(file));
    }

    /** The JDK's file key, without the reading of its text that {@link #identifyOrDenied} does. */
    @Override
    public Object sameFileKey(String file) {
        Path name = inListed(file);
        if (name == null) {
            return proc.fileKey(dir.resolve(file));
        }
        try {
            return attributesInListed(name).fileKey();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** By full paths, like this one (which holds nothing but the table it listed last). */
    @Override
    public ProcessDirectory another() {
        return new PathDirectory(proc, dir);
    }

    @Override
    public void close() {
        release();
    }

    private void release() {
        if (listed != null) {
            close(listed);
            listed = null;
            listedName = null;
        }
    }

    private static void close(DirectoryStream<Path> entries) {
        try {
            entries.close();
        } catch (IOException e) {
            // a directory closes whatever happens: nothing to do
        }
    }
}
