package dev.listns.scan;


import java.nio.file.Path;
import java.util.Optional;

/** A process directory read by full paths, through {@link ProcFs}'s own reads. */
final class PathDirectory implements ProcessDirectory {
    private final ProcFs proc;
    private final Path dir;

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
        return proc.numericEntries(dir.resolve(name));
    }

    @Override
    public ProcFs.Stat statOrDenied(String file) {
        return proc.statOrDenied(dir.resolve(file));
    }

    @Override
    public ProcFs.Stat identifyOrDenied(String file) {
        return proc.identifyOrDenied(dir.resolve(file));
    }

    /** The JDK's file key, without the reading of its text that {@link #identifyOrDenied} does. */
    @Override
    public Object sameFileKey(String file) {
        return proc.fileKey(dir.resolve(file));
    }

    @Override
    public void close() {
        // nothing held
    }
}
