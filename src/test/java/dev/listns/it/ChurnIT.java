package dev.listns.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.listns.testing.Commands;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Scans again and again while hundreds of short-lived processes start and end around listns, some in
 * namespaces of their own: every scan must succeed quietly, however the host changes under it.
 */
@Timeout(120)
class ChurnIT {
    private static final Pattern ROW = Pattern.compile("^ *(\\d+|--)  [a-z]+:\\[\\d+\\](\\*\\*)? +\\S.*$");
    private static final Duration IN_PROCESS_BUDGET = Duration.ofSeconds(20);
    private static final int MAX_IN_PROCESS_SCANS = 200;
    private static final Duration JAR_BUDGET = Duration.ofSeconds(15);
    private static final int MAX_JAR_SCANS = 30;
    /*
     * The budgets bound the run time; the counts are reached on a quiet host (about 0.1 s per in-process
     * scan). On a host crowded with thousands of processes a scan takes seconds, so only a few are required.
     */
    private static final int MIN_IN_PROCESS_SCANS = 3;
    private static final int MIN_JAR_SCANS = 2;
    private static final int MIN_CHURNED_PROCESSES = 200;

    /**
     * Each round starts 12 processes at once and waits for them: new UTS+IPC namespaces that die at
     * once, a PID namespace (with pid_for_children) around a short sleep, and plain short sleeps.
     * The loop ends by itself when the stop file appears; it prints its running total after each round.
     */
    private static final String CHURN = String.join("\n",
            "stop=$1; n=0",
            "while [ ! -e \"$stop\" ]; do",
            "  for i in 1 2 3; do",
            "    unshare --uts --ipc true &",
            "    unshare --pid --uts --fork --kill-child sh -c \"sleep 0.0$RANDOM\" &",
            "    sh -c \"sleep 0.0$RANDOM\" &",
            "    sleep 0.00$RANDOM &",
            "  done",
            "  wait",
            "  n=$((n + 12)); echo $n",
            "done",
            "");

    @Test
    void scansStayCleanWhileProcessesComeAndGo() throws Exception {
        Sandbox.assumeRoot();
        try (Sandbox sandbox = new Sandbox()) {
            Path script = sandbox.workDir().resolve("churn.sh");
            Files.writeString(script, CHURN);
            Path stop = sandbox.workDir().resolve("stop");
            Sandbox.Started churn = sandbox.start("bash", script.toString(), stop.toString());
            churn.awaitLine(Sandbox.START_TIMEOUT); // the first round is done: churn is under way

            List<String> failures = new ArrayList<>();
            int inProcess = scanInProcess(failures);
            int jar = scanWithTheJar(failures);

            Files.createFile(stop);
            Sandbox.await("the churn loop to stop", Duration.ofSeconds(10),
                    () -> churn.process().isAlive() ? Optional.empty() : Optional.of(true));
            List<String> totals = Commands.lines(churn.stdout());
            int churned = Integer.parseInt(totals.get(totals.size() - 1));

            System.out.printf("churn: %d in-process scans, %d jar scans, %d short-lived processes%n", inProcess, jar, churned);
            assertThat(failures).as("scans that failed (%d in-process, %d jar runs, %d processes churned)",
                    inProcess, jar, churned).isEmpty();
            assertThat(inProcess).as("in-process scans within %s", IN_PROCESS_BUDGET).isGreaterThanOrEqualTo(MIN_IN_PROCESS_SCANS);
            assertThat(jar).as("jar scans within %s", JAR_BUDGET).isGreaterThanOrEqualTo(MIN_JAR_SCANS);
            assertThat(churned).as("short-lived processes started during the scans").isGreaterThanOrEqualTo(MIN_CHURNED_PROCESSES);
            assertThat(churn.stderr()).as("churn loop stderr").isEmpty();
        }
    }

    /** In-process scans through the CLI, cycling through the output modes, until the count or the time is up. */
    private static int scanInProcess(List<String> failures) throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<List<String>> modes = List.of(List.of(), List.of("-J"), List.of("-a"), List.of("-t", "uts,ipc,pid"));
        long deadline = System.nanoTime() + IN_PROCESS_BUDGET.toNanos();
        int scans = 0;
        while (scans < MAX_IN_PROCESS_SCANS && System.nanoTime() < deadline) {
            List<String> args = modes.get(scans % modes.size());
            Sandbox.Cli cli = Sandbox.listns(args.toArray(String[]::new));
            scans++;
            String label = "in-process scan " + scans + " " + args;
            if (cli.exitCode() != 0 || !cli.err().isEmpty()) {
                failures.add(label + ": " + cli);
                continue;
            }
            if (args.contains("-J")) {
                try {
                    assertThat(json.readTree(cli.out()).get("namespaces").isArray()).isTrue();
                } catch (Exception | AssertionError e) {
                    failures.add(label + ": invalid JSON: " + e);
                }
            } else {
                List<String> lines = cli.outLines();
                if (lines.isEmpty() || !lines.get(0).equals(JarIT.HEADER)) {
                    failures.add(label + ": no header: " + cli);
                }
                lines.stream().skip(1).filter(line -> !ROW.matcher(line).matches()).findFirst()
                        .ifPresent(line -> failures.add(label + ": malformed row '" + line + "'"));
            }
        }
        return scans;
    }

    /** Whole runs of the jar on the newest JDK: the real entry point, streams and exit code. */
    private static int scanWithTheJar(List<String> failures) throws Exception {
        JarIT.Jdk jdk = JarIT.newest().orElseGet(() -> fail("no JDK under /usr/lib/jvm"));
        Path jar = JarIT.jar();
        long deadline = System.nanoTime() + JAR_BUDGET.toNanos();
        int scans = 0;
        while (scans < MAX_JAR_SCANS && System.nanoTime() < deadline) {
            Commands.Exec run = Commands.run(Duration.ofSeconds(60), jdk.java().toString(), "-jar", jar.toString());
            scans++;
            if (run.exitCode() != 0 || !run.stderr().isEmpty() || !run.stdout().startsWith(JarIT.HEADER + "\n")) {
                failures.add("jar scan " + scans + " on " + jdk + ": " + run);
            }
        }
        return scans;
    }
}
