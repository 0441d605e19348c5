package dev.listns.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.listns.testing.FakeProc;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * listns's own parser ({@link ArgumentParser}) against picocli, which read every command line before it and
 * still reads what the own parser leaves: for each command line, either the own parser leaves it to picocli, or
 * both read the same {@link Choices} from it. Hand-written lines say which forms the own parser must read (so it
 * cannot pass by leaving everything to picocli) and which it must leave; generated ones mix every option's forms,
 * clustered, repeated and spoiled.
 */
class ArgumentParserEquivalenceTest extends CliTestBase {
    private static final Environment INERT = inert();

    /** Forms the own parser must read, each as picocli reads it. */
    static Stream<List<String>> readWithoutPicocli() {
        return Stream.of(
                List.of(),
                List.of("-l"), List.of("-lr"), List.of("-rl"), List.of("-lno", "NS"), List.of("-lnoNS,TYPE"),
                List.of("-l", "-o", "NS,TYPE", "-r"), List.of("-oNS"), List.of("-o", "NS"), List.of("--output=NS,PID"),
                List.of("--output", "+PATH"), List.of("-o", "ns,type"),
                List.of("-t", "net"), List.of("-t", "net", "-t", "mnt"), List.of("-t", "net,mnt"), List.of("-tnet"),
                List.of("--type=NET,uts"), List.of("--type", "user"), List.of("-t", "net", "-t", "net"),
                List.of("-T"), List.of("-T", "parent"), List.of("-Tparent"), List.of("--tree=parent"), List.of("--tree"),
                List.of("--tree", "process"), List.of("-T", "-l"), List.of("-T", "PARENT"), List.of("-T", "Owner"),
                List.of("-lT"), List.of("-rTprocess"), List.of("-T", "-J", "-o", "NS"), List.of("-aT"),
                List.of("--format", "json"), List.of("--format=JSONL"), List.of("--format", "Prometheus"),
                List.of("--format=table"),
                List.of("-J"), List.of("--json"), List.of("-a"), List.of("--all"), List.of("-P"), List.of("--persistent"),
                List.of("-p", "500"), List.of("-p500"), List.of("--pid=1"), List.of("--task", "01"), List.of("-ap", "7"),
                List.of("-Q", "TYPE == \"net\""), List.of("-QNPROCS>1"), List.of("--filter=a==b"), List.of("--filter", "x"),
                List.of("-Q", ""), List.of("--filter="), List.of("--output-all"), List.of("-H"), List.of("--list-columns", "-r"),
                List.of("-n"), List.of("--noheadings"), List.of("--no-headings"), List.of("-u"), List.of("-w"),
                List.of("--wide"), List.of("--notruncate"), List.of("-W"), List.of("--nowrap"), List.of("-v"),
                List.of("--verbose"), List.of("--debug"), List.of("--output-file", "/tmp/x.prom"),
                List.of("--output-file=out"),
                List.of("4026531840"), List.of("net:[4026532281]"), List.of("-l", "4026531840"),
                List.of("4026531840", "-l"), List.of("-T", "parent", "mnt:[4026531841]"),
                List.of("--proc-root", "/fake/proc"), List.of("--proc-root=/p"), List.of("--netns-dir", "/a"),
                List.of("--netns-dir", "/a", "--netns-dir=/b"), List.of("--passwd", "/etc/other"),
                List.of("--passwd=x"));
    }

    /** Errors and forms that picocli reads otherwise than getopt does, or only picocli knows: left to picocli. */
    static Stream<List<String>> leftToPicocli() {
        return Stream.of(
                List.of("-h"), List.of("--help"), List.of("-V"), List.of("--version"), List.of("-lh"),
                List.of("audit"), List.of("audit", "--state", "/x"), List.of("-l", "audit"), List.of("-Q", "audit"),
                List.of("-T", "audit"),
                List.of("--"), List.of("--", "-l"), List.of("@args"), List.of("-Q", "@args"),
                List.of("-o=NS"), List.of("-T=parent"), List.of("-lo=NS"), List.of("--list=true"), List.of("-l=true"),
                List.of("-T", "4026531840"), List.of("-Tl"), List.of("-T", "foo"), List.of("--tree="), List.of("-T", ""),
                List.of("-T", "parent", "-T", "owner"), List.of("-T", "-T"),
                List.of("-o"), List.of("-o", "-l"), List.of("-o-x"), List.of("--output=-x"), List.of("-o", "FOO"),
                List.of("--output="), List.of("-Q"), List.of("-Q", "-l"), List.of("-Q", "-5"),
                List.of("-p", "-1"), List.of("-p", "0"), List.of("-p", "1", "-p", "2"), List.of("-pp"),
                List.of("-t"), List.of("-t", "foo"), List.of("-t", "net,"), List.of("-t", ",net"), List.of("-t", "net,,mnt"),
                List.of("-t", "\"net,mnt\""), List.of("--format", "xml"), List.of("--format", "json", "--format", "json"),
                List.of("-l", "-l"), List.of("-ll"), List.of("-u", "-w"), List.of("--wide", "--notruncate"),
                List.of("-J", "--json"), List.of("--bogus"), List.of("-x"), List.of("-lx"), List.of("--lis"),
                List.of("--LIST"), List.of("stray"), List.of("-"), List.of("0"), List.of("1", "2"),
                List.of("4026531840", "4026531841"), List.of("-5"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("readWithoutPicocli")
    void usualFormsAreReadWithoutPicocliAsPicocliReadsThem(List<String> args) {
        Optional<ParsedArguments> fast = fast(args);
        assertThat(fast).as("read by the own parser").isPresent();
        assertThat(picocli(args)).isEqualTo(Reading.of(Choices.read(fast.orElseThrow())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("leftToPicocli")
    void errorsAndOddFormsAreLeftToPicocli(List<String> args) {
        assertThat(fast(args)).isEmpty();
    }

    @Test
    void generatedCommandLinesAreReadAsPicocliReadsThemOrLeftToIt() {
        List<List<String>> corpus = new ArrayList<>(readWithoutPicocli().toList());
        corpus.addAll(leftToPicocli().toList());
        corpus.addAll(new Generator(new Random(13)).lines(4000));

        Map<OptionDeclaration<?>, Integer> readWith = new LinkedHashMap<>();
        ListnsOptions.OPTIONS.forEach(option -> readWith.put(option, 0));
        int read = 0;
        int withNamespace = 0;
        List<String> different = new ArrayList<>();
        for (List<String> args : corpus) {
            Optional<ParsedArguments> fast = fast(args);
            if (fast.isEmpty()) {
                continue;
            }
            read++;
            ParsedArguments parsed = fast.get();
            readWith.replaceAll((option, count) -> parsed.given(option) ? count + 1 : count);
            withNamespace += parsed.givenPositional() ? 1 : 0;
            Reading own = Reading.of(Choices.read(parsed));
            Reading theirs = picocli(args);
            if (!own.equals(theirs)) {
                different.add(args + "\n  own:     " + own + "\n  picocli: " + theirs);
            }
        }

        assertThat(different).as("command lines read otherwise than picocli reads them").isEmpty();
        // Neither side of the comparison may be trivially small.
        assertThat(read).as("command lines the own parser read, of %s", corpus.size()).isBetween(corpus.size() / 4,
                corpus.size() * 3 / 4);
        assertThat(readWith).as("command lines the own parser read, by option").allSatisfy((option, count) ->
                assertThat(count).as("%s", option.names()).isGreaterThanOrEqualTo(20));
        assertThat(withNamespace).as("command lines the own parser read with a NAMESPACE").isGreaterThanOrEqualTo(20);
    }

    // ---- the same output, whichever path reads the command line -----------------------------------------------

    @TempDir
    Path tempDir;

    private FakeProc proc;

    @BeforeEach
    void fakeHost() {
        proc = new FakeProc(tempDir);
        proc.hostRunningListns().cmdline("java", "-jar", "listns.jar");
        proc.process(400).comm("nginx").ppid(1).cmdline("nginx: master process").initialNamespaces()
                .ns("net", 4026532010L).ns("uts", 4026532020L);
        proc.process(410).comm("sleep").ppid(400).cmdline("sleep", "600").initialNamespaces().ns("mnt", 4026532030L);
    }

    static Stream<List<String>> runs() {
        return Stream.of(List.of(), List.of("-l"), List.of("-l", "-o", "NS,TYPE", "-r"), List.of("-t", "net"),
                List.of("-T"), List.of("-T", "parent", "-o", "NS,TYPE"), List.of("-a", "-n"), List.of("-p", "410"),
                List.of("-P"), List.of("--format", "jsonl"), List.of("-H"), List.of("-H", "-J"), List.of("4026532010"),
                List.of("-Q", "TYPE == \"net\""), List.of("-lu", "-W"),
                // errors found after parsing: the same line and exit code on both paths
                List.of("-J", "-r"), List.of("-l", "-T"), List.of("-P", "-p", "410"), List.of("-l", "--format", "jsonl"),
                List.of("-o", "NS", "--format=prometheus"), List.of("-Q", "TYPE =="), List.of("-Q", "FOO == 1"),
                List.of("-p", "999"), List.of("4026539999"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("runs")
    void runsPrintTheSameWhicheverPathReadsThem(List<String> args) {
        List<String> all = new ArrayList<>(List.of("--proc-root", proc.root().toString(), "--netns-dir", proc.netnsDir().toString()));
        all.addAll(args);
        String[] line = all.toArray(String[]::new);
        assertThat(ListnsOptions.parser().parse(line)).as("read by the own parser").isPresent();

        int ownCode = execute(line);
        String ownOut = withoutScanTime(out.toString());
        String ownErr = err.toString();
        Environment environment = freshEnvironment();
        int picocliCode = ListnsCommandLine.execute(environment, line);
        environment.out().flush();
        environment.err().flush();

        assertThat(ownOut + ownErr).as("what the run printed").isNotBlank();
        assertThat(ownOut).as("stdout").isEqualTo(withoutScanTime(out.toString()));
        assertThat(ownErr).as("stderr").isEqualTo(err.toString());
        assertThat(ownCode).as("exit code").isEqualTo(picocliCode);
    }

    /** The two runs scan at different times. */
    private static String withoutScanTime(String output) {
        return output.replaceAll("\"scanned_at\": ?\"[^\"]*\"", "\"scanned_at\":\"(time)\"");
    }

    // ---- the two readers ------------------------------------------------------------------------------------

    /** A listing's choices, or why there is no listing (help, version, audit, a usage error). */
    private record Reading(Choices choices, String otherwise) {
        static Reading of(Choices choices) {
            return new Reading(choices, null);
        }
    }

    private static Optional<ParsedArguments> fast(List<String> args) {
        return ListnsOptions.parser().parse(args.toArray(String[]::new));
    }

    private static Reading picocli(List<String> args) {
        ListnsCommandLine listns = new ListnsCommandLine(INERT);
        try {
            CommandLine.ParseResult result = listns.commandLine().parseArgs(args.toArray(String[]::new));
            if (result.hasSubcommand()) {
                return new Reading(null, "subcommand " + result.subcommand().commandSpec().name());
            }
            if (result.isUsageHelpRequested() || result.isVersionHelpRequested()) {
                return new Reading(null, "help or version");
            }
            return Reading.of(listns.choices());
        } catch (CommandLine.ParameterException e) {
            return new Reading(null, e.getMessage());
        }
    }

    private static Environment inert() {
        PrintWriter nowhere = new PrintWriter(Writer.nullWriter());
        return new Environment(nowhere, nowhere, Terminal.notATerminal(), (root, dirs) -> {
            throw new AssertionError("parsing never scans");
        });
    }

    /**
     * Command lines of one to five pieces: an option in one of its forms, a cluster of short options, the
     * NAMESPACE argument, and now and then a piece spoiled or added that the own parser must leave to picocli.
     */
    private static final class Generator {
        private static final List<List<String>> PIECES = List.of(
                List.of("-t", "net"), List.of("-tmnt,uts"), List.of("--type", "PID"), List.of("--type=ipc,cgroup,time"),
                List.of("-p", "410"), List.of("-p7"), List.of("--pid", "1"), List.of("--task=0042"),
                List.of("-a"), List.of("--all"), List.of("-P"), List.of("--persistent"), List.of("-l"), List.of("--list"),
                List.of("-o", "NS,TYPE"), List.of("-oPID"), List.of("--output=+PATH"), List.of("--output", "ns,nprocs"),
                List.of("-Q", "NPROCS > 1"), List.of("-QTYPE==\"net\""), List.of("--filter=a=b"), List.of("--filter", "x y"),
                List.of("--output-all"), List.of("-H"), List.of("--list-columns"), List.of("-n"), List.of("--noheadings"),
                List.of("--no-headings"), List.of("-r"), List.of("--raw"), List.of("-J"), List.of("--json"),
                List.of("--format", "json"), List.of("--format=JSONL"), List.of("--format", "Prometheus"),
                List.of("--format=table"), List.of("--output-file", "/tmp/out"), List.of("--output-file=rel/out"),
                List.of("-T"), List.of("-T", "parent"), List.of("-Tprocess"), List.of("--tree=Owner"), List.of("--tree"),
                List.of("--tree", "PROCESS"), List.of("-u"), List.of("--notruncate"), List.of("-w"), List.of("--wide"),
                List.of("-W"), List.of("--nowrap"), List.of("-v"), List.of("--verbose"), List.of("--debug"),
                List.of("--proc-root", "/fake"), List.of("--proc-root=/p"), List.of("--netns-dir", "/a"),
                List.of("--netns-dir=/b"), List.of("--passwd", "/etc/x"), List.of("--passwd=y"),
                List.of("4026531840"), List.of("net:[4026532281]"), List.of("mnt:[4026531841]"));
        private static final String FLAGS = "aPlHnrJuwWv";
        /** Short options with a value, and values they take: attached, after them, or left out for -T. */
        private static final Map<Character, List<String>> VALUED = Map.of(
                't', List.of("net", "mnt,uts"), 'p', List.of("1", "410"), 'o', List.of("NS,TYPE", "+PATH"),
                'Q', List.of("NPROCS>1", "x"), 'T', List.of("parent", "Owner", ""));
        private static final List<List<String>> SPOILERS = List.of(
                List.of("-x"), List.of("--bogus"), List.of("--lis"), List.of("-"), List.of("--"), List.of("audit"),
                List.of("@args"), List.of("-o=NS"), List.of("-T=parent"), List.of("--list=true"), List.of(""),
                List.of("-5"), List.of("-p"), List.of("-o"), List.of("--format"), List.of("-t", "foo"),
                List.of("-p", "0"), List.of("--format", "xml"), List.of("-T", "sideways"), List.of("-o", "NOPE"),
                List.of("-h"), List.of("-V"), List.of("-t", "net,"), List.of("stray"));

        private final Random random;

        Generator(Random random) {
            this.random = random;
        }

        List<List<String>> lines(int count) {
            List<List<String>> lines = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                lines.add(line());
            }
            return lines;
        }

        private List<String> line() {
            List<List<String>> pieces = new ArrayList<>();
            int size = 1 + random.nextInt(5);
            for (int i = 0; i < size; i++) {
                pieces.add(random.nextInt(4) == 0 ? cluster() : pick(PIECES));
            }
            if (random.nextInt(4) == 0) {
                pieces.add(random.nextInt(pieces.size() + 1), pick(SPOILERS));
            }
            List<String> line = new ArrayList<>();
            pieces.forEach(line::addAll);
            if (random.nextInt(8) == 0 && !line.isEmpty()) {
                line.remove(line.size() - 1); // a value, or an option, cut off
            }
            return line;
        }

        /** Two or three short flags in one argument, the last perhaps with a value attached or after it. */
        private List<String> cluster() {
            StringBuilder cluster = new StringBuilder("-");
            int flags = 1 + random.nextInt(3);
            for (int i = 0; i < flags; i++) {
                cluster.append(FLAGS.charAt(random.nextInt(FLAGS.length())));
            }
            if (random.nextBoolean()) {
                return List.of(cluster.toString());
            }
            List<Character> valued = new ArrayList<>(VALUED.keySet());
            valued.sort(null);
            char option = valued.get(random.nextInt(valued.size()));
            String value = pick(VALUED.get(option));
            cluster.append(option);
            if (value.isEmpty()) {
                return List.of(cluster.toString());
            }
            return random.nextBoolean() ? List.of(cluster + value) : List.of(cluster.toString(), value);
        }

        private <T> T pick(List<T> from) {
            return from.get(random.nextInt(from.size()));
        }
    }
}
