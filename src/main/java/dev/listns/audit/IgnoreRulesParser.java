package dev.listns.audit;

import dev.listns.files.IoErrors;
import dev.listns.files.PathStatus;
import dev.listns.files.TrustedDirectory;
import dev.listns.files.TrustedFile;
import dev.listns.output.TerminalSafe;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an ignore file. Each line holds one or more {@code key=pattern} criteria separated by blanks;
 * a pattern with blanks is written in double quotes, where {@code \"} and {@code \\} stand for a quote
 * and a backslash. {@code #} at the start of a criterion begins a comment. Any mistake stops the audit
 * with the file and line, because silently skipping a rule would report what the user meant to hide,
 * or worse, a typo in a rule that was meant to hide little might hide much.
 */
public final class IgnoreRulesParser {
    /** Thousands of rules; anything bigger is not an ignore file. */
    static final int MAX_SIZE = 1 << 20;

    private IgnoreRulesParser() {
    }

    /**
     * Reads the rules as root reads configuration: only a regular file that no other user can have
     * written or can swap ({@link TrustedDirectory}, {@link TrustedFile}), and at most
     * {@link #MAX_SIZE} of it. A symbolic link planted in its place could make root read any file and
     * print a line of it in the error message; a FIFO or {@code /dev/zero} would block the cron job or
     * exhaust the heap; a file another user may write would let that user hide what they do.
     */
    public static IgnoreRules read(Path file) throws AuditException {
        byte[] bytes;
        try {
            Path absolute = file.toAbsolutePath();
            if (absolute.getParent() == null) {
                throw new AuditException("cannot read ignore file " + file + ": is a directory");
            }
            Path located = TrustedDirectory.resolve(absolute.getParent()).resolve(absolute.getFileName());
            PathStatus status = TrustedFile.check(located, TrustedFile.Use.CONFIGURATION)
                    .orElseThrow(() -> new NoSuchFileException(file.toString()));
            bytes = TrustedFile.read(located, status, MAX_SIZE);
        } catch (IOException e) {
            throw new AuditException("cannot read ignore file " + file + ": " + IoErrors.describe(e), e);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new AuditException(file + ": not UTF-8 text");
        }
        return parse(text, file.toString());
    }

    /** @param source the file name, for error messages */
    public static IgnoreRules parse(String text, String source) throws AuditException {
        List<IgnoreRule> rules = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int number = i + 1;
            try {
                List<IgnoreCriterion> criteria = new LineParser(lines[i]).criteria();
                if (!criteria.isEmpty()) {
                    rules.add(new IgnoreRule(number, criteria));
                }
            } catch (IllegalArgumentException e) {
                throw new AuditException(source + ":" + number + ": " + e.getMessage());
            }
        }
        return new IgnoreRules(rules);
    }

    /** Splits one line into criteria; throws IllegalArgumentException with the reason. */
    private static final class LineParser {
        private final String line;
        private int at;

        LineParser(String line) {
            this.line = line;
        }

        List<IgnoreCriterion> criteria() {
            List<IgnoreCriterion> criteria = new ArrayList<>();
            while (skipBlanks() && line.charAt(at) != '#') {
                criteria.add(criterion());
            }
            return criteria;
        }

        private boolean skipBlanks() {
            while (at < line.length() && (line.charAt(at) == ' ' || line.charAt(at) == '\t')) {
                at++;
            }
            return at < line.length();
        }

        private IgnoreCriterion criterion() {
            int start = at;
            while (at < line.length() && line.charAt(at) != '=' && !isBlank(line.charAt(at))) {
                at++;
            }
            String key = line.substring(start, at);
            if (at == line.length() || line.charAt(at) != '=') {
                throw new IllegalArgumentException("expected key=pattern, found '" + shown(key) + "'");
            }
            IgnoreKey parsedKey = IgnoreKey.fromLabel(key).orElseThrow(() -> new IllegalArgumentException(
                    "unknown key '" + shown(key) + "' (valid: " + IgnoreKey.VALID + ")"));
            at++; // '='
            String pattern = at < line.length() && line.charAt(at) == '"' ? quoted() : bare();
            if (pattern.isEmpty()) {
                throw new IllegalArgumentException("empty pattern for '" + key + "'");
            }
            String problem = parsedKey.problemWith(pattern);
            if (problem != null) {
                throw new IllegalArgumentException(problem);
            }
            return new IgnoreCriterion(parsedKey, new Glob(pattern));
        }

        private String bare() {
            int start = at;
            while (at < line.length() && !isBlank(line.charAt(at))) {
                if (line.charAt(at) == '"') {
                    throw new IllegalArgumentException("a quote may only open a pattern: write key=\"...\"");
                }
                at++;
            }
            return line.substring(start, at);
        }

        private String quoted() {
            StringBuilder pattern = new StringBuilder();
            at++; // opening quote
            while (true) {
                if (at >= line.length()) {
                    throw new IllegalArgumentException("missing closing quote");
                }
                char c = line.charAt(at++);
                if (c == '"') {
                    break;
                }
                if (c == '\\') {
                    if (at >= line.length() || line.charAt(at) != '"' && line.charAt(at) != '\\') {
                        throw new IllegalArgumentException("inside quotes, a backslash must be followed by \" or \\");
                    }
                    c = line.charAt(at++);
                }
                pattern.append(c);
            }
            if (at < line.length() && !isBlank(line.charAt(at))) {
                throw new IllegalArgumentException("expected a blank after the closing quote");
            }
            return pattern.toString();
        }

        private static boolean isBlank(char c) {
            return c == ' ' || c == '\t';
        }

        /** The file is the user's, but its text lands on a terminal through cron mail: keep it safe. */
        private static String shown(String text) {
            return TerminalSafe.escape(text);
        }
    }
}
