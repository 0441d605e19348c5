package dev.listns.docs;

import dev.listns.testing.Commands;
import dev.listns.testing.Workloads;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CompletionScriptsTest {

    @Test
    void bashScriptParses() throws Exception {
        Shipped.read(Shipped.BASH_COMPLETION);
        Commands.Exec result = Commands.run("bash", "-n", Shipped.BASH_COMPLETION.toString());
        assertThat(result.stderr()).isEmpty();
        assertThat(result.exitCode()).isZero();
    }

    @Test
    void bashScriptKnowsEveryOptionAndCommandButNoHiddenOption() throws Exception {
        String script = Shipped.read(Shipped.BASH_COMPLETION);
        for (CommandSpec command : CommandTree.commands()) {
            assertThat(script).contains(CommandTree.visibleOptionNames(command));
            assertThat(script).contains(command.name());
            for (String hidden : CommandTree.hiddenOptionNames(command)) {
                assertThat(script).doesNotContain(hidden);
            }
        }
    }

    @Test
    void bashCompletesOptionsSubcommandsAndValues() throws Exception {
        for (CommandSpec command : CommandTree.commands()) {
            List<String> words = new ArrayList<>(List.of(command.qualifiedName().split(" ")));
            words.add("-");
            assertThat(bash(words)).as("bash: %s -<Tab>", command.qualifiedName())
                    .containsAll(CommandTree.visibleOptionNames(command));
        }
        assertThat(bash(List.of("listns", ""))).containsAll(subcommandNames(CommandTree.root()));
        assertThat(bash(List.of("listns", "--format", ""))).containsExactly("table", "json", "jsonl", "prometheus");
        assertThat(bash(List.of("listns", "-t", "n"))).containsExactly("net");
        assertThat(bash(List.of("listns", "--tree", ""))).containsExactly("owner", "parent", "process");
    }

    @Test
    void zshScriptParses() throws Exception {
        Shipped.read(Shipped.ZSH_COMPLETION);
        assumeZsh();
        Commands.Exec result = Commands.run("zsh", "-n", Shipped.ZSH_COMPLETION.toString());
        assertThat(result.stderr()).isEmpty();
        assertThat(result.exitCode()).isZero();
    }

    @Test
    void zshScriptIsACompdefFunctionThatKnowsEveryOption() throws Exception {
        String script = Shipped.read(Shipped.ZSH_COMPLETION);
        assertThat(script).startsWith("#compdef listns\n");
        for (CommandSpec command : CommandTree.commands()) {
            assertThat(script).contains(CommandTree.visibleOptionNames(command));
            for (String hidden : CommandTree.hiddenOptionNames(command)) {
                assertThat(script).doesNotContain(hidden);
            }
        }
    }

    @Test
    void zshCompletesOptionsSubcommandsAndValues() throws Exception {
        assumeZsh();
        for (CommandSpec command : CommandTree.commands()) {
            assertThat(zsh(command.qualifiedName() + " -")).as("zsh: %s -<Tab>", command.qualifiedName())
                    .containsAll(CommandTree.visibleOptionNames(command));
        }
        assertThat(zsh("listns ")).containsAll(subcommandNames(CommandTree.root()));
        assertThat(zsh("listns --format ")).containsExactly("table", "json", "jsonl", "prometheus");
        // A comma list: values already given are not offered again.
        assertThat(zsh("listns -t net,")).contains("mnt").doesNotContain("net");
        assertThat(zsh("listns --tree=")).containsExactly("owner", "parent", "process");
    }

    /** A typo in an _arguments spec only shows when completing, so every option with a value is tried once. */
    @Test
    void zshCompletesAValueForEveryOptionThatHasCandidates() throws Exception {
        assumeZsh();
        for (CommandSpec command : CommandTree.commands()) {
            for (OptionSpec option : command.options()) {
                if (option.hidden() || option.arity().max() == 0 || option.completionCandidates() == null) {
                    continue;
                }
                List<String> candidates = new ArrayList<>();
                option.completionCandidates().forEach(candidates::add);
                // zsh completes an optional value (-T[=RELATION]) only after "=", as it is written.
                String separator = option.arity().min() == 0 ? "=" : " ";
                assertThat(zsh(command.qualifiedName() + " " + option.longestName() + separator))
                        .as("zsh: %s %s <Tab>", command.qualifiedName(), option.longestName())
                        .containsExactlyInAnyOrderElementsOf(candidates);
            }
        }
    }

    private static List<String> subcommandNames(CommandSpec command) {
        return new ArrayList<>(command.subcommands().keySet());
    }

    private static void assumeZsh() {
        Workloads.require("zsh");
    }

    private static List<String> bash(List<String> words) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", resource("bash-complete.sh").toString(),
                Shipped.BASH_COMPLETION.toString()));
        command.addAll(words);
        return matches(Commands.run(command.toArray(String[]::new)));
    }

    private static List<String> zsh(String line) throws Exception {
        return matches(Commands.run("zsh", "-f", resource("zsh-complete.zsh").toString(),
                Shipped.ZSH_COMPLETION.getParent().toAbsolutePath().toString(), line));
    }

    private static List<String> matches(Commands.Exec result) {
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        return result.stdout().lines().filter(l -> l.startsWith("MATCH:")).map(l -> l.substring(6))
                .filter(m -> !m.isEmpty()).toList();
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(CompletionScriptsTest.class.getResource(name).toURI());
    }
}
