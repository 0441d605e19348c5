package dev.listns.scan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProcStatTest {
    /** The fields after "state ppid", up to and including num_threads (the 18th after ')'), then the rest. */
    private static String stat(String pidAndComm, int ppid, int threads) {
        return pidAndComm + " S " + ppid + " 1234 1234 0 -1 4194560 120 0 3 0 5 7 0 0 20 0 " + threads
                + " 0 4242 12345678 321 18446744073709551615 1 1 0 0 0 0 0 4096 1256 0 0 0 17 1 0 0 0 0 0 0 0 0 0 0 0 0 0\n";
    }

    /** Compares field by field, so a field added to ProcStat later does not break these tests. */
    private static void assertParsed(String text, String comm, int ppid, int threads) {
        assertThat(ProcStat.parse(text)).hasValueSatisfying(stat -> {
            assertThat(stat.comm()).isEqualTo(comm);
            assertThat(stat.ppid()).isEqualTo(ppid);
            assertThat(stat.threads()).isEqualTo(threads);
        });
    }

    @Test
    void readsARealKernelThreadLine() {
        String kthreadd = "2 (kthreadd) S 0 0 0 0 -1 2129984 0 0 0 0 0 0 0 0 20 0 1 0 24 0 0 18446744073709551615 "
                + "0 0 0 0 0 0 0 2147483647 0 1 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n";

        assertParsed(kthreadd, "kthreadd", 0, 1);
    }

    @Test
    void readsPpidAndThreadCount() {
        assertParsed(stat("4321 (java)", 77, 42), "java", 77, 42);
    }

    @Test
    void commMayHoldSpacesAndParentheses() {
        assertParsed(stat("4321 ((a) b))", 9, 3), "(a) b)", 9, 3);
        assertParsed(stat("4321 (tmux: server)", 1, 1), "tmux: server", 1, 1);
        assertParsed(stat("4321 () S 1 2 3)", 5, 6), ") S 1 2 3", 5, 6);
    }

    @Test
    void commMayBeEmptyOrHoldControlCharacters() {
        assertParsed(stat("4321 ()", 1, 1), "", 1, 1);
        assertParsed(stat("4321 (a\nb\u001b)", 1, 1), "a\nb\u001b", 1, 1);
    }

    @Test
    void aLineWithoutTrailingNewlineIsFine() {
        assertParsed(stat("1 (init)", 0, 1).trim(), "init", 0, 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "4321 java S 1 2 3",
        "4321 )java( S 1 1234 1234 0 -1 4194560 120 0 3 0 5 7 0 0 20 0 1 0 4242",
        "4321 (java) S 1 1234 1234 0 -1 4194560 120 0 3 0 5 7 0 0 20 0",
        "4321 (java) S x 1234 1234 0 -1 4194560 120 0 3 0 5 7 0 0 20 0 1 0 4242",
        "4321 (java) S 1 1234 1234 0 -1 4194560 120 0 3 0 5 7 0 0 20 0 many 0 4242",
        "4321 (java"})
    void rejectsTruncatedOrGarbledLines(String text) {
        assertThat(ProcStat.parse(text)).isEmpty();
    }
}
