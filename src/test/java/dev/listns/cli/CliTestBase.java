package dev.listns.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.listns.scan.ProcFsScanner;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;

/**
 * Runs {@link Listns} in-process, like JaCoCo's CLI tests: stdout and stderr go to separate
 * StringWriters, so each test can say which stream a message must (and must not) appear on.
 */
abstract class CliTestBase {
    protected StringWriter out;
    protected StringWriter err;
    protected Terminal terminal;

    @BeforeEach
    void resetStreams() {
        out = new StringWriter();
        err = new StringWriter();
        terminal = Terminal.notATerminal();
    }

    /** Runs with fresh streams; the scanner reads whatever tree --proc-root names, as root, without native access. */
    protected int execute(String... args) {
        return new Listns(freshEnvironment()).run(args);
    }

    /** Empties the streams and answers an environment that writes to them, scanning as {@link #execute} does. */
    protected Environment freshEnvironment() {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        return new Environment(new PrintWriter(out), new PrintWriter(err), terminal,
                (root, dirs) -> new ProcFsScanner(root, dirs, Optional::empty, true));
    }

    /**
     * The scanner these tests use has no native access on purpose, so a scan may say on stderr which holder
     * kinds it could not look for. That notice is expected; anything else on stderr is not.
     */
    private static final Pattern NO_NATIVE_NOTICE = Pattern.compile("listns: not looked for on Java \\d+: .*");

    /** The lines of stderr, without the expected notice about native access. */
    protected List<String> errorLines() {
        return lines(err).stream().filter(line -> !NO_NATIVE_NOTICE.matcher(line).matches()).toList();
    }

    /** The lines of a stream, without the empty string after the last line end. */
    protected static List<String> lines(StringWriter stream) {
        String text = stream.toString();
        if (text.isEmpty()) {
            return List.of();
        }
        List<String> lines = List.of(text.split("\n", -1));
        return text.endsWith("\n") ? lines.subList(0, lines.size() - 1) : lines;
    }

    protected void assertOk(int code) {
        assertThat(code).as("exit code; stderr: %s", err).isEqualTo(ExitCodes.OK);
        assertThat(errorLines()).as("stderr").isEmpty();
    }

    /** A usage error: exit 2, one line on stderr that names the problem and --help, nothing on stdout. */
    protected void assertUsageError(int code) {
        assertThat(code).as("exit code").isEqualTo(ExitCodes.USAGE);
        assertNoOutput(out);
        assertThat(lines(err)).singleElement().asString().startsWith("listns: ").endsWith("(see 'listns --help')");
    }

    protected static void assertNoOutput(StringWriter stream) {
        assertThat(stream.toString()).isEmpty();
    }

    protected static void assertContains(String expected, StringWriter stream) {
        assertThat(stream.toString()).contains(expected);
    }
}
