package dev.listns.output;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the text exposition format, written from the format's description rather than
 * from {@link Exposition}, for the structural checks promtool does not make: that each family is one
 * contiguous block after its HELP and TYPE, no series twice, every value a double. Throws
 * AssertionError naming the line on anything else.
 */
final class ExpositionText {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") (.*)");
    private static final Pattern TYPE = Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|histogram|summary|untyped)");

    record Sample(String name, Map<String, String> labels, double value) {
    }

    record Family(String name, String help, String type, List<Sample> samples) {
        /** The value of the one series with exactly these labels. */
        double value(Map<String, String> labels) {
            return samples.stream().filter(s -> s.labels().equals(labels)).findFirst()
                    .orElseThrow(() -> new AssertionError("no series " + name + labels)).value();
        }
    }

    private final Map<String, Family> families = new LinkedHashMap<>();

    private ExpositionText() {
    }

    static Map<String, Family> parse(String text) {
        if (!text.isEmpty() && !text.endsWith("\n")) {
            throw new AssertionError("the last line has no newline");
        }
        ExpositionText reader = new ExpositionText();
        String[] lines = text.split("\n", -1);
        Map<String, String> helps = new LinkedHashMap<>();
        Set<String> series = new HashSet<>();
        String current = null;
        for (int i = 0; i < lines.length - 1; i++) {
            String line = lines[i];
            String where = "line " + (i + 1) + ": " + line;
            Matcher help = HELP.matcher(line);
            Matcher type = TYPE.matcher(line);
            if (help.matches()) {
                String name = help.group(1);
                if (helps.containsKey(name) || reader.families.containsKey(name)) {
                    throw new AssertionError("HELP given again or after its samples, " + where);
                }
                helps.put(name, unescape(help.group(2), false, where));
                current = null;
            } else if (type.matches()) {
                String name = type.group(1);
                if (!helps.containsKey(name) || reader.families.containsKey(name)) {
                    throw new AssertionError("TYPE without HELP before it, or given twice, " + where);
                }
                reader.families.put(name, new Family(name, helps.get(name), type.group(2), new ArrayList<>()));
                current = name;
            } else if (line.startsWith("#") || line.isBlank()) {
                throw new AssertionError("listns writes no comments or blank lines, " + where);
            } else {
                Sample sample = sample(line, where);
                if (!sample.name().equals(current)) {
                    throw new AssertionError("sample outside its family's block (no HELP/TYPE right before), " + where);
                }
                if (!series.add(sample.name() + new TreeMap<>(sample.labels()))) {
                    throw new AssertionError("duplicate series, " + where);
                }
                reader.families.get(current).samples().add(sample);
            }
        }
        return reader.families;
    }

    private static Sample sample(String line, String where) {
        Matcher name = NAME.matcher(line);
        if (!name.lookingAt()) {
            throw new AssertionError("no metric name, " + where);
        }
        int at = name.end();
        Map<String, String> labels = new LinkedHashMap<>();
        if (at < line.length() && line.charAt(at) == '{') {
            at++;
            while (line.charAt(at) != '}') {
                Matcher label = LABEL_NAME.matcher(line).region(at, line.length());
                if (!label.lookingAt() || line.charAt(label.end()) != '=' || line.charAt(label.end() + 1) != '"') {
                    throw new AssertionError("bad label, " + where);
                }
                int close = closingQuote(line, label.end() + 2, where);
                if (labels.put(label.group(), unescape(line.substring(label.end() + 2, close), true, where)) != null) {
                    throw new AssertionError("label given twice, " + where);
                }
                at = close + 1;
                if (line.charAt(at) == ',') {
                    at++;
                }
            }
            at++;
        }
        if (at >= line.length() || line.charAt(at) != ' ') {
            throw new AssertionError("no space before the value, " + where);
        }
        String value = line.substring(at + 1);
        if (!value.matches("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?|[+-]?Inf|NaN")) {
            throw new AssertionError("value is not a float (or has a timestamp), " + where);
        }
        return new Sample(name.group(), labels, Double.parseDouble(value.replace("Inf", "Infinity")));
    }

    private static int closingQuote(String line, int from, String where) {
        for (int i = from; i < line.length(); i++) {
            if (line.charAt(i) == '\\') {
                i++;
            } else if (line.charAt(i) == '"') {
                return i;
            }
        }
        throw new AssertionError("unterminated label value, " + where);
    }

    private static String unescape(String text, boolean labelValue, String where) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char next = i + 1 < text.length() ? text.charAt(++i) : '?';
            switch (next) {
                case '\\' -> out.append('\\');
                case 'n' -> out.append('\n');
                case '"' -> {
                    if (!labelValue) {
                        throw new AssertionError("\\\" is no escape in HELP, " + where);
                    }
                    out.append('"');
                }
                default -> throw new AssertionError("unknown escape \\" + next + ", " + where);
            }
        }
        return out.toString();
    }
}
