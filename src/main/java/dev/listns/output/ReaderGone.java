package dev.listns.output;

import java.io.PrintWriter;

/**
 * Notices that the reader of a pipe went away ({@code | head}), so a formatter can stop quietly. It
 * asks only now and then, because {@link PrintWriter#checkError()} flushes, and a flush per line
 * would defeat the output buffer.
 */
final class ReaderGone {
    private static final int INTERVAL = 512;

    private final PrintWriter out;
    private int written;

    ReaderGone(PrintWriter out) {
        this.out = out;
    }

    /**
     * Call after each unit written; true once writing has failed. The first unit is checked too, so a
     * reader that was gone from the start (a closed pipe) costs one line, not a whole interval.
     */
    boolean afterWrite() {
        written++;
        return (written == 1 || written % INTERVAL == 0) && out.checkError();
    }
}
