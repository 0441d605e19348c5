package dev.listns.build;

import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The man page in troff (man macros), straight from the picocli model. Written here rather than through
 * picocli-codegen's AsciiDoc and Asciidoctor: that would take a Ruby runtime (AsciidoctorJ bundles JRuby,
 * tens of megabytes and seconds of start-up) for one page that needs a dozen macros.
 */
final class ManPage {
    private static final String[] SEE_ALSO = {"lsns", "8", "namespaces", "7", "ip-netns", "8", "nsenter", "1",
        "unshare", "1"};

    /** A full stop before a capital letter; "e.g. for" goes on. Shared with the zsh descriptions. */
    static final String SENTENCE_END = "(?<=\\.)\\s+(?=\\p{Lu})";

    private final CommandSpec root;
    private final String version;
    private final String date;
    private final StringBuilder out = new StringBuilder();

    ManPage(CommandSpec root, String version, String date) {
        this.root = root;
        this.version = version;
        this.date = date;
    }

    String render() {
        line(".\\\" Generated from the picocli model of " + root.name() + " (dev.listns.cli) by the build; edit that, not this file.");
        line(".TH " + root.name().toUpperCase(Locale.ROOT) + " 8 " + quoted(date) + " " + quoted(root.name() + " " + version)
                + " " + quoted("System Administration"));
        // Option names and commands must not be hyphenated, and read better ragged-right.
        line(".nh");
        line(".ad l");

        section("NAME");
        text(root.name() + " \\- " + summary(root));

        section("SYNOPSIS");
        List<CommandSpec> commands = commands(root);
        for (int i = 0; i < commands.size(); i++) {
            if (i > 0) {
                line(".PP");
            }
            synopsis(commands.get(i));
        }

        section("DESCRIPTION");
        paragraphs(root.usageMessage().description());

        section("OPTIONS");
        options(root);

        if (commands.size() > 1) {
            section("COMMANDS");
            for (CommandSpec command : commands.subList(1, commands.size())) {
                line(".SS " + quoted(command.qualifiedName()));
                paragraphs(command.usageMessage().description());
                options(command);
            }
        }

        section("EXIT STATUS");
        exitCodes(root.usageMessage().exitCodeList());
        for (CommandSpec command : commands.subList(1, commands.size())) {
            Map<String, String> codes = command.usageMessage().exitCodeList();
            if (!codes.isEmpty() && !codes.equals(root.usageMessage().exitCodeList())) {
                line(".PP");
                text(bold(command.qualifiedName()) + ":");
                exitCodes(codes);
            }
        }

        section("EXAMPLES");
        for (CommandSpec command : commands) {
            examples(command.usageMessage().footer());
        }

        section("SEE ALSO");
        for (int i = 0; i < SEE_ALSO.length; i += 2) {
            line(".BR " + SEE_ALSO[i].replace("-", "\\-") + " (" + SEE_ALSO[i + 1] + ")" + (i + 2 < SEE_ALSO.length ? "," : ""));
        }
        return out.toString();
    }

    /** The command and every visible subcommand below it, depth first. */
    static List<CommandSpec> commands(CommandSpec command) {
        List<CommandSpec> all = new ArrayList<>();
        all.add(command);
        for (CommandLine sub : command.subcommands().values()) {
            CommandSpec spec = sub.getCommandSpec();
            // Aliases map to the same CommandLine; list each command once.
            if (!spec.usageMessage().hidden() && all.stream().noneMatch(c -> c == spec)) {
                all.addAll(commands(spec));
            }
        }
        return all;
    }

    private static String summary(CommandSpec command) {
        String[] description = command.usageMessage().description();
        String first = description.length == 0 ? command.name() : description[0].trim();
        first = first.split(SENTENCE_END, 2)[0];
        first = first.endsWith(".") ? first.substring(0, first.length() - 1) : first;
        return escape(first.isEmpty() ? first : Character.toLowerCase(first.charAt(0)) + first.substring(1));
    }

    private void synopsis(CommandSpec command) {
        String name = command.qualifiedName();
        // A hanging indent, so that wrapped options line up after the command name.
        String indent = (name.length() + 1) + "n";
        line(".in +" + indent);
        line(".ti -" + indent);
        text(bold(name));
        List<OptionSpec> options = visibleOptions(command);
        StringBuilder cluster = new StringBuilder();
        options.stream()
                .filter(o -> o.arity().max() == 0 && o.shortestName().length() == 2 && !o.required())
                .map(o -> o.shortestName().substring(1))
                .sorted(String.CASE_INSENSITIVE_ORDER.thenComparing(Comparator.naturalOrder()))
                .forEach(cluster::append);
        if (cluster.length() > 0) {
            text("[" + bold("-" + cluster) + "]");
        }
        options.stream()
                .filter(o -> !(o.arity().max() == 0 && o.shortestName().length() == 2 && !o.required()))
                .sorted(Comparator.comparing((OptionSpec o) -> o.shortestName().replaceFirst("^-+", ""),
                        String.CASE_INSENSITIVE_ORDER))
                .forEach(o -> {
                    String element = bold(o.shortestName()) + parameter(o, "\\ ");
                    element = o.required() ? element : "[" + element + "]";
                    text(element + (o.isMultiValue() ? "..." : ""));
                });
        for (PositionalParamSpec positional : visiblePositionals(command)) {
            String element = italic(positional.paramLabel());
            element = positional.arity().min() == 0 ? "[" + element + "]" : element;
            text(element + (positional.isMultiValue() ? "..." : ""));
        }
        line(".in -" + indent);
    }

    private void options(CommandSpec command) {
        for (OptionSpec option : visibleOptions(command)) {
            line(".TP");
            List<String> names = new ArrayList<>();
            for (String name : option.names()) {
                names.add(bold(name));
            }
            text(String.join(", ", names) + parameter(option, "="));
            descriptionLines(option);
        }
        for (PositionalParamSpec positional : visiblePositionals(command)) {
            line(".TP");
            text(italic(positional.paramLabel()));
            descriptionLines(positional);
        }
    }

    private void descriptionLines(ArgSpec arg) {
        for (String line : arg.description()) {
            for (String part : line.split("%n", -1)) {
                if (!part.isBlank()) {
                    text(escape(part.replace("%%", "%").trim()));
                }
            }
        }
    }

    /** The parameter after an option name: {@code =TYPE[,TYPE...]}, or nothing for a flag. */
    private static String parameter(OptionSpec option, String separator) {
        if (option.arity().max() == 0) {
            return "";
        }
        String label = italic(option.paramLabel());
        String split = option.splitRegex();
        if (!split.isEmpty()) {
            String shown = option.splitRegexSynopsisLabel().isEmpty() ? split : option.splitRegexSynopsisLabel();
            label += "[" + escape(shown) + label + "...]";
        }
        return option.arity().min() == 0 ? "[" + separator + label + "]" : separator + label;
    }

    private void exitCodes(Map<String, String> codes) {
        for (Map.Entry<String, String> code : codes.entrySet()) {
            line(".TP");
            text(bold(code.getKey().trim()));
            text(escape(code.getValue().trim()));
        }
    }

    /**
     * Footer lines of the form {@code "  command   explanation"} become examples; a deeper-indented line
     * continues the explanation above it. Anything else is kept as plain text.
     */
    private void examples(String[] footer) {
        String command = null;
        StringBuilder explanation = new StringBuilder();
        for (String element : footer) {
            for (String raw : element.split("%n", -1)) {
                String footerLine = raw.replace("%%", "%");
                if (footerLine.matches("  \\S.*")) {
                    example(command, explanation);
                    String[] parts = footerLine.trim().split("\\s{2,}", 2);
                    command = parts[0];
                    explanation = new StringBuilder(parts.length > 1 ? parts[1] : "");
                } else if (footerLine.matches("\\s{3,}\\S.*") && command != null) {
                    explanation.append(explanation.length() > 0 ? " " : "").append(footerLine.trim());
                } else if (!footerLine.isBlank()) {
                    example(command, explanation);
                    command = null;
                    explanation = new StringBuilder();
                    line(".PP");
                    text(escape(footerLine.trim()));
                }
            }
        }
        example(command, explanation);
    }

    private void example(String command, CharSequence explanation) {
        if (command == null) {
            return;
        }
        line(".TP");
        text(bold(command));
        String sentence = explanation.toString().trim();
        if (!sentence.isEmpty()) {
            sentence = Character.toUpperCase(sentence.charAt(0)) + sentence.substring(1);
            text(escape(sentence.endsWith(".") ? sentence : sentence + "."));
        }
    }

    private void paragraphs(String[] description) {
        boolean pending = false;
        for (String element : description) {
            for (String part : element.split("%n", -1)) {
                if (part.isBlank()) {
                    pending = true;
                    continue;
                }
                if (pending) {
                    line(".PP");
                    pending = false;
                }
                text(escape(part.replace("%%", "%").trim()));
            }
        }
    }

    private static List<OptionSpec> visibleOptions(CommandSpec command) {
        List<OptionSpec> options = new ArrayList<>();
        List<OptionSpec> help = new ArrayList<>();
        for (OptionSpec option : command.options()) {
            if (option.hidden() || option.inherited()) {
                continue;
            }
            // As in --help: -h and -V close the list.
            (option.usageHelp() || option.versionHelp() ? help : options).add(option);
        }
        options.addAll(help);
        return options;
    }

    private static List<PositionalParamSpec> visiblePositionals(CommandSpec command) {
        return command.positionalParameters().stream().filter(p -> !p.hidden() && !p.inherited()).toList();
    }

    private void section(String name) {
        line(".SH " + (name.contains(" ") ? quoted(name) : name));
    }

    /** A text line: troff would take a leading dot or apostrophe for a request. */
    private void text(String troff) {
        line(troff.startsWith(".") || troff.startsWith("'") ? "\\&" + troff : troff);
    }

    private void line(String troff) {
        out.append(troff).append('\n');
    }

    private static String bold(String literal) {
        return "\\fB" + literal.replace("\\", "\\e").replace("-", "\\-") + "\\fR";
    }

    private static String italic(String literal) {
        return "\\fI" + literal.replace("\\", "\\e").replace("-", "\\-") + "\\fR";
    }

    private static String quoted(String argument) {
        return "\"" + argument.replace("\"", "\\(dq") + "\"";
    }

    /**
     * Prose for troff. A dash that starts a word (an option name, {@code '--'}) becomes a minus sign, so it
     * can be searched for and pasted; a dash inside a word stays a hyphen.
     */
    static String escape(String prose) {
        return prose.replace("\\", "\\e").replaceAll("(?<![\\p{L}\\p{N}])-", "\\\\-");
    }
}
