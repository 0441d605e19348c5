package dev.listns.docs;

import dev.listns.cli.Environment;
import dev.listns.cli.ExitCodes;
import dev.listns.cli.Listns;
import dev.listns.cli.Terminal;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** What {@code listns --help} and {@code --version} print, run the way Main runs them. */
class HelpTest {

    private static String run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Environment environment = new Environment(new PrintWriter(out), new PrintWriter(err), Terminal.notATerminal(),
                (proc, netns) -> {
                    throw new AssertionError("--help and --version never scan");
                });
        int code = new Listns(environment).run(args);
        assertThat(err.toString()).isEmpty();
        assertThat(code).isEqualTo(ExitCodes.OK);
        return out.toString();
    }

    @Test
    void versionIsTheBuildVersion() {
        String version = System.getProperty("listns.version");
        assertThat(version).as("listns.version, set by surefire from the pom").isNotBlank();
        assertThat(run("--version").lines().findFirst()).hasValue("listns " + version);
    }

    @Test
    void helpShowsExamplesForTheCommonJobs() {
        String help = run("--help");
        assertThat(help).contains("Examples:", "sudo listns ", "| grep ", "-J | jq ",
                "listns audit --state /var/lib/listns/audit.state");
    }

    @Test
    void helpFitsEightyColumnsWithoutWrappingAnExample() {
        String help = run("--help");
        assertThat(help.lines()).allSatisfy(line -> assertThat(line).hasSizeLessThanOrEqualTo(80));
        // picocli wraps a footer line that is too long; its tail would start at column 0.
        String examples = help.substring(help.indexOf("Examples:"));
        assertThat(examples.lines().skip(1)).allSatisfy(line -> assertThat(line).matches("(  .*)?"));
    }

    @Test
    void helpListsEveryExitCodeThatExists() throws IllegalAccessException {
        Set<String> documented = new TreeSet<>();
        CommandTree.root().usageMessage().exitCodeList().keySet().forEach(k -> documented.add(k.trim()));
        Set<String> defined = new TreeSet<>();
        for (Field field : ExitCodes.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == int.class) {
                defined.add(String.valueOf(field.getInt(null)));
            }
        }
        assertThat(documented).isEqualTo(defined);
        String help = run("--help");
        assertThat(help).contains("Exit codes:");
        documented.forEach(code -> assertThat(help).containsPattern("(?m)^  " + code + " "));
    }

    /**
     * The docs are generated from the command tree ListnsCommandLine declares. A subcommand that Listns adds some other way would work
     * but be missing from the man page and the completions; this catches that.
     */
    @Test
    void everySubcommandListnsRunsIsOneTheDocsSee() {
        String help = run("--help");
        List<String> listed = new ArrayList<>();
        int commands = help.indexOf("\nCommands:\n");
        if (commands >= 0) {
            for (String line : help.substring(commands + "\nCommands:\n".length()).split("\n")) {
                if (!line.startsWith("  ")) {
                    break;
                }
                if (line.matches("  \\S.*")) {
                    listed.add(line.trim().split("[\\s,]+")[0]);
                }
            }
        }
        List<String> seen = CommandTree.subcommands().stream().map(CommandSpec::name).toList();
        assertThat(listed).as("subcommands in `listns --help`, registered with @Command(subcommands = ...)")
                .containsExactlyInAnyOrderElementsOf(seen);
    }
}
