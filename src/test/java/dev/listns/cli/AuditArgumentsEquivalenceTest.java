package dev.listns.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * {@code listns audit}'s command lines as listns's own parser reads them (what a cron job runs, without
 * loading picocli) against picocli, which reads every other one: either the own parser leaves a line to
 * picocli, or both read the same {@link AuditChoices}.
 */
class AuditArgumentsEquivalenceTest {
    private static final Environment INERT = inert();

    static Stream<List<String>> readWithoutPicocli() {
        return Stream.of(
                List.of("audit", "--state", "/var/lib/listns/audit.state"),
                List.of("audit", "--state=/var/lib/listns/audit.state"),
                List.of("audit", "--state", "/s", "--ignore", "/etc/listns/audit.ignore"),
                List.of("audit", "--ignore=/i", "--state", "/s"),
                List.of("audit", "-J", "--state", "/s"),
                List.of("audit", "--state", "/s", "--json"),
                List.of("audit", "--state", "relative/state"),
                List.of("audit", "--state", "/s", "--proc-root", "/tmp/proc", "--netns-dir", "/a", "--netns-dir=/b"),
                List.of("audit", "--passwd", "/tmp/passwd", "--state", "/s"));
    }

    static Stream<List<String>> leftToPicocli() {
        return Stream.of(
                List.of("audit"), List.of("audit", "-J"), List.of("audit", "--state"), List.of("audit", "--state", "-J"),
                List.of("audit", "--state", "/s", "--state", "/t"), List.of("audit", "--state", "/s", "-J", "-J"),
                List.of("audit", "--state", "/s", "extra"), List.of("audit", "--state", "/s", "--bogus"),
                List.of("audit", "--help"), List.of("audit", "-h"), List.of("audit", "-V"), List.of("audit", "--", "--state"),
                List.of("audit", "--state", "/s", "-l"), List.of("audit", "--json=true", "--state", "/s"),
                List.of("-v", "audit", "--state", "/s"), List.of("audit", "@args"), List.of("audit", "audit", "--state", "/s"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("readWithoutPicocli")
    void readAsPicocliReadsIt(List<String> args) {
        Optional<AuditChoices> fast = fast(args);

        assertThat(fast).as("read by listns's own parser").isPresent();
        assertThat(fast.get()).isEqualTo(picocli(args));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("leftToPicocli")
    void leftToPicocli(List<String> args) {
        assertThat(fast(args)).as("left to picocli").isEmpty();
    }

    @Test
    void theStateIsRequiredInPicocliToo() {
        assertThat(AuditOptions.STATE.required()).isTrue();
        assertThat(CommandSpecs.option(AuditOptions.STATE).required()).isTrue();
        assertThat(CommandSpecs.option(AuditOptions.IGNORE).required()).isFalse();
    }

    /** What {@link Listns#run} would read without picocli, or empty when it leaves the line to picocli. */
    private static Optional<AuditChoices> fast(List<String> args) {
        if (args.isEmpty() || !args.get(0).equals(AuditOptions.NAME)) {
            return Optional.empty();
        }
        List<String> rest = new ArrayList<>(args.subList(1, args.size()));
        Optional<ParsedArguments> parsed = AuditOptions.parser().parse(rest.toArray(String[]::new));
        return parsed.isPresent() && parsed.get().given(AuditOptions.STATE)
                ? Optional.of(AuditChoices.read(parsed.get())) : Optional.empty();
    }

    private static AuditChoices picocli(List<String> args) {
        ListnsCommandLine listns = new ListnsCommandLine(INERT);
        CommandLine.ParseResult result = listns.commandLine().parseArgs(args.toArray(String[]::new));
        assertThat(result.hasSubcommand()).as("picocli reads the audit subcommand").isTrue();
        return ((AuditCommandLine) result.subcommand().commandSpec().userObject()).choices();
    }

    private static Environment inert() {
        PrintWriter nowhere = new PrintWriter(Writer.nullWriter());
        return new Environment(nowhere, nowhere, Terminal.notATerminal(), (root, dirs) -> {
            throw new AssertionError("parsing never scans");
        });
    }
}
