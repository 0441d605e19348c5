package dev.listns.docs;

import dev.listns.testing.Commands;
import dev.listns.testing.Workloads;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Model.CommandSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ManPageTest {
    private static String page;

    @BeforeAll
    static void read() throws Exception {
        page = Shipped.read(Shipped.MAN_PAGE);
    }

    /** How troff source spells a literal option name: bold, with minus signs rather than hyphens. */
    private static String troff(String name) {
        return "\\fB" + name.replace("-", "\\-") + "\\fR";
    }

    @Test
    void isSectionEightOfThisVersion() {
        assertThat(page.lines().filter(l -> !l.startsWith(".\\\"")).findFirst())
                .hasValueSatisfying(th -> assertThat(th)
                        .startsWith(".TH LISTNS 8 ")
                        .contains("\"listns " + System.getProperty("listns.version", "") + "\""));
    }

    @Test
    void hasTheUsualSectionsInTheUsualOrder() {
        List<String> sections = page.lines().filter(l -> l.startsWith(".SH ")).map(l -> l.substring(4).replace("\"", "")).toList();
        assertThat(sections).containsSubsequence("NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "EXIT STATUS", "EXAMPLES");
    }

    @Test
    void nameLineIsWhatWhatisExpects() {
        List<String> lines = page.lines().toList();
        int name = lines.indexOf(".SH NAME");
        assertThat(lines.get(name + 1)).matches("listns \\\\- \\p{Ll}.*[^.]");
    }

    @Test
    void documentsEveryOptionOfEveryCommand() {
        List<String> missing = new ArrayList<>();
        for (CommandSpec command : CommandTree.commands()) {
            for (String name : CommandTree.visibleOptionNames(command)) {
                if (!page.contains(troff(name))) {
                    missing.add(command.qualifiedName() + " " + name);
                }
            }
        }
        assertThat(missing).as("options missing from the man page").isEmpty();
    }

    @Test
    void keepsHiddenOptionsOut() {
        for (CommandSpec command : CommandTree.commands()) {
            for (String name : CommandTree.hiddenOptionNames(command)) {
                assertThat(page).doesNotContain(name.replace("-", "\\-"));
            }
        }
    }

    @Test
    void hasASynopsisAndASectionForEverySubcommand() {
        for (CommandSpec command : CommandTree.subcommands()) {
            assertThat(page).contains(".SS \"" + command.qualifiedName() + "\"");
            assertThat(page).contains("\\fB" + command.qualifiedName() + "\\fR\n");
        }
    }

    @Test
    void listsEveryExitCode() {
        String exitStatus = page.substring(page.indexOf(".SH \"EXIT STATUS\""), page.indexOf(".SH EXAMPLES"));
        for (Map.Entry<String, String> code : CommandTree.root().usageMessage().exitCodeList().entrySet()) {
            assertThat(exitStatus).contains(".TP\n\\fB" + code.getKey().trim() + "\\fR\n");
        }
    }

    @Test
    void showsEveryExampleOfEveryFooter() {
        String examples = page.substring(page.indexOf(".SH EXAMPLES"));
        for (CommandSpec command : CommandTree.commands()) {
            for (String line : command.usageMessage().footer()) {
                if (line.matches("  \\S.*")) {
                    String example = line.trim().split("\\s{2,}")[0];
                    assertThat(examples).contains(troff(example));
                }
            }
        }
        assertThat(examples).contains(troff("listns audit --state /var/lib/listns/audit.state"));
    }

    @Test
    void rendersWithoutWarningsAndWithCopyableOptionNames() throws Exception {
        Workloads.require("man");
        Commands.Exec result = Commands.run(Commands.DEFAULT_TIMEOUT,
                List.of("man", "--warnings", "-E", "ascii", "-l", Shipped.MAN_PAGE.toString()), null,
                environment -> environment.putAll(Map.of("MANWIDTH", "80", "LC_ALL", "C.UTF-8")));
        assertThat(result.stderr()).as("troff warnings").isEmpty();
        assertThat(result.exitCode()).isZero();
        // Not a terminal, so man strips the overstriking; what is left must read as typed.
        String text = result.stdout();
        assertThat(text).contains("LISTNS(8)", "EXIT STATUS", "listns - lists the Linux namespaces");
        for (CommandSpec command : CommandTree.commands()) {
            for (String name : CommandTree.visibleOptionNames(command)) {
                assertThat(text).contains(name);
            }
        }
        assertThat(text.lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(80));
    }

    @Test
    void nameSectionFeedsTheWhatisDatabase() throws Exception {
        Workloads.require("lexgrog");
        Commands.Exec result = Commands.run("lexgrog", Shipped.MAN_PAGE.toString());
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout()).contains("\"listns - lists the Linux namespaces");
    }
}
