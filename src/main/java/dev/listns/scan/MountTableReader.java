package dev.listns.scan;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Reads the mount table of a mount namespace that has no process. The JVM is multi-threaded and so
 * cannot enter a mount namespace itself; implementations use a short-lived single-threaded helper.
 */
public interface MountTableReader {

    /**
     * @param chain nsfs paths to enter in turn: the first is valid in listns's own mount namespace,
     *              each later one inside the namespace before it
     * @return the raw mountinfo text, or empty when the namespace could not be entered
     */
    Optional<byte[]> read(List<Path> chain);
}
