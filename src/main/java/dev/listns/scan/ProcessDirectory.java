package dev.listns.scan;

import dev.listns.nativeaccess.FileStatus;

import java.util.Optional;

/**
 * One process's directory under the proc root, for the walk's per-process reads. Names are relative to
 * it: {@code "stat"}, {@code "ns/net"}, {@code "fd/3"}, {@code "task/1234/ns/net"}. Like every read of
 * {@link ProcFs}, these answer empty when the process is gone, and count permission denials.
 */
interface ProcessDirectory extends AutoCloseable {

    Optional<byte[]> read(String file);

    ProcFs.LinkTarget readLink(String link);

    /** The entries named by numbers (TIDs under task, fds under fd), ascending. */
    int[] numericEntries(String dir);

    /** stat(2) following links. */
    ProcFs.Stat statOrDenied(String file);

    /**
     * stat(2) following links, for what identifies a file: device, inode, and the type where it is cheap
     * to tell (see {@link FileStatus#typeUntold}); no owner needed. One per descriptor of every process,
     * so a directory that has a cheaper way than {@link #statOrDenied} says so.
     */
    default ProcFs.Stat identifyOrDenied(String file) {
        return statOrDenied(file);
    }

    /**
     * What tells whether two descriptors of this process lead to the same file, as cheaply as this
     * directory can: equal keys mean the same device and inode, and equal to {@link ProcFs.Stat#key} of
     * {@link #identifyOrDenied}. Null when it cannot be told (gone, denied); such a failure is not counted
     * as a denial, since the caller then reads the file as any other, which counts it.
     */
    Object sameFileKey(String file);

    /**
     * A second handle on the same directory, to read from another thread at the same time (a directory
     * remembers what it listed last, so one handle serves one thread). Where this one holds its directory
     * as a descriptor, the second reopens it through that descriptor, not by path, so it reads the very
     * same process; one that reads by path reads by the same path. Close it when done.
     */
    ProcessDirectory another();

    /** Lets go of what the directory holds open, if anything; never fails. */
    @Override
    void close();

    default Optional<String> readText(String file) {
        Optional<byte[]> bytes = read(file);
        return bytes.isPresent() ? Optional.of(Utf8.DECODER.decode(bytes.get())) : Optional.empty();
    }
}
