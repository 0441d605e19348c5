package dev.listns.build;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A native zsh completion function ({@code _arguments}), not picocli's bash script run through
 * bashcompinit: that script calls compinit itself when sourced, cannot be autoloaded from fpath as
 * {@code #compdef} function, and shows no option descriptions.
 */
final class ZshCompletion {
    private final CommandSpec root;
    private final String version;
    private final StringBuilder out = new StringBuilder();

    ZshCompletion(CommandSpec root, String version) {
        this.root = root;
        this.version = version;
    }

    String render() {
        line("#compdef " + root.name());
        line("# zsh completion for " + root.name() + " " + version + ", generated from its picocli model by the build.");
        line("# Install as _" + root.name() + " in a directory of $fpath, e.g. /usr/local/share/zsh/site-functions.");
        function(root);
        line("");
        // Autoloaded from fpath, this file is the body of _listns and must complete; sourced, it registers itself.
        String name = functionName(root);
        line("if [[ $funcstack[1] == " + name + " ]]; then");
        line("  " + name + " \"$@\"");
        line("else");
        line("  compdef " + name + " " + root.name());
        line("fi");
        return out.toString();
    }

    private void function(CommandSpec command) {
        List<CommandSpec> subcommands = new ArrayList<>();
        for (CommandLine sub : command.subcommands().values()) {
            CommandSpec spec = sub.getCommandSpec();
            if (!spec.usageMessage().hidden() && subcommands.stream().noneMatch(s -> s == spec)) {
                subcommands.add(spec);
            }
        }
        for (CommandSpec sub : subcommands) {
            function(sub);
        }
        line("");
        line(functionName(command) + "() {");
        if (!subcommands.isEmpty()) {
            line("  local curcontext=\"$curcontext\" state state_descr line ret=1");
            line("  typeset -A opt_args");
        }
        // -s: clustered short flags (-an); -S: "--" ends the options.
        out.append("  _arguments").append(subcommands.isEmpty() ? "" : " -C").append(" -s -S :");
        for (OptionSpec option : command.options()) {
            if (!option.hidden()) {
                out.append(" \\\n    ").append(optionSpec(option));
            }
        }
        if (subcommands.isEmpty()) {
            for (PositionalParamSpec positional : command.positionalParameters()) {
                if (!positional.hidden()) {
                    out.append(" \\\n    ").append(positionalSpec(positional));
                }
            }
            out.append('\n');
            line("}");
            return;
        }
        out.append(" \\\n    ").append(quote(": :->command"));
        out.append(" \\\n    ").append(quote("*:: :->argument")).append(" && ret=0\n");
        line("  case $state in");
        line("    (command)");
        line("      local -a commands=(");
        for (CommandSpec sub : subcommands) {
            String description = firstSentence(sub.usageMessage().description());
            line("        " + quote(sub.name().replace(":", "\\:") + ":" + description));
            for (String alias : sub.aliases()) {
                line("        " + quote(alias.replace(":", "\\:") + ":" + description));
            }
        }
        line("      )");
        line("      _describe -t commands " + quote(command.qualifiedName() + " command") + " commands && ret=0");
        line("      ;;");
        line("    (argument)");
        line("      curcontext=${curcontext%:*:*}:" + command.qualifiedName().replace(' ', '-') + "-$words[1]:");
        line("      case $words[1] in");
        for (CommandSpec sub : subcommands) {
            List<String> names = new ArrayList<>(List.of(sub.name()));
            names.addAll(List.of(sub.aliases()));
            line("        (" + String.join("|", names) + ") " + functionName(sub) + " && ret=0 ;;");
        }
        line("      esac");
        line("      ;;");
        line("  esac");
        line("  return ret");
        line("}");
    }

    /** One {@code _arguments} spec, e.g. {@code '(-p --pid)'{-p+,--pid=}'[Only ...]:PID:_pids'}. */
    private static String optionSpec(OptionSpec option) {
        boolean takesValue = option.arity().max() > 0;
        List<String> names = new ArrayList<>();
        for (String name : option.names()) {
            String suffix = "";
            if (takesValue) {
                boolean isShort = name.length() == 2 && !name.startsWith("--");
                // Short: -p1234 or -p 1234. Long: --pid=1234 or --pid 1234. An optional value only with "=".
                suffix = isShort ? (option.arity().min() == 0 ? "-" : "+") : (option.arity().min() == 0 ? "=-" : "=");
            }
            names.add(name + suffix);
        }
        String prefix;
        if (option.usageHelp() || option.versionHelp()) {
            prefix = quote("(- : *)");
        } else if (option.isMultiValue()) {
            prefix = quote("*");
        } else {
            prefix = quote("(" + String.join(" ", option.names()) + ")");
        }
        String namesPart = names.size() == 1 ? quote(names.get(0)) : "{" + String.join(",", names) + "}";
        String spec = "[" + firstSentence(option.description()).replace("\\", "\\\\")
                .replace("[", "\\[").replace("]", "\\]") + "]";
        if (takesValue) {
            spec += ":" + message(option.paramLabel()) + ":" + action(option);
        }
        return prefix + namesPart + quote(spec);
    }

    private static String positionalSpec(PositionalParamSpec positional) {
        String position = positional.isMultiValue() ? "*" : String.valueOf(positional.index().min() + 1);
        String optional = positional.arity().min() == 0 && !positional.isMultiValue() ? ":" : "";
        return quote(position + ":" + optional + message(positional.paramLabel()) + ":" + action(positional));
    }

    private static String action(CommandLine.Model.ArgSpec arg) {
        Class<?> type = arg.auxiliaryTypes().length > 0 && arg.isMultiValue() ? arg.auxiliaryTypes()[0] : arg.type();
        if (type == Path.class || type == File.class) {
            return arg.paramLabel().contains("DIR") ? "_files -/" : "_files";
        }
        if (arg.paramLabel().equals("PID")) {
            return "_pids";
        }
        List<String> candidates = new ArrayList<>();
        if (arg.completionCandidates() != null) {
            arg.completionCandidates().forEach(candidates::add);
        }
        if (candidates.isEmpty()) {
            return " ";
        }
        List<String> words = candidates.stream().map(ZshCompletion::word).toList();
        if (arg.isOption() && !arg.splitRegex().isEmpty() && arg.splitRegex().equals(",")) {
            return "_values -s , " + word(arg.paramLabel()) + " " + String.join(" ", words);
        }
        return "(" + String.join(" ", words) + ")";
    }

    private static String message(String label) {
        return label.replace("\\", "\\\\").replace(":", "\\:");
    }

    /** A completion value as one shell word inside the single-quoted spec. */
    private static String word(String value) {
        return value.replaceAll("([^A-Za-z0-9_.,/+@%=-])", "\\\\$1");
    }

    private static String firstSentence(String[] description) {
        String text = String.join(" ", description).replace("%n", " ").replace("%%", "%").replaceAll("\\s+", " ").trim();
        return text.split(ManPage.SENTENCE_END, 2)[0];
    }

    private static String functionName(CommandSpec command) {
        return "_" + command.qualifiedName().replaceAll("[^A-Za-z0-9]+", "_");
    }

    /** Single-quoted for zsh. */
    private static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }

    private void line(String text) {
        out.append(text).append('\n');
    }
}
