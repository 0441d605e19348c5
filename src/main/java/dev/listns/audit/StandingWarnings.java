package dev.listns.audit;

import java.util.ArrayList;
import java.util.List;

/**
 * Decides whether the scan's warnings are news. A cron job must not mail the same "results are
 * partial" every minute, so they are reported only when they differ from the recorded ones. Counts
 * inside a warning (how many /proc entries were unreadable) move from run to run without meaning
 * anything new, so digits do not take part in the comparison.
 */
final class StandingWarnings {
    private StandingWarnings() {
    }

    static boolean changed(AuditState recorded, AuditState now) {
        return !normalized(recorded.warnings()).equals(normalized(now.warnings()))
                || !normalized(recorded.unavailable()).equals(normalized(now.unavailable()));
    }

    private static List<String> normalized(List<String> warnings) {
        // Digits by hand, not replaceAll: a regex compiled and lambdas spun on every audit (see StateWriter).
        List<String> normalized = new ArrayList<>(warnings.size());
        for (String warning : warnings) {
            StringBuilder text = new StringBuilder(warning.length());
            for (int i = 0; i < warning.length(); i++) {
                char c = warning.charAt(i);
                boolean digit = c >= '0' && c <= '9';
                if (!digit) {
                    text.append(c);
                } else if (i == 0 || warning.charAt(i - 1) < '0' || warning.charAt(i - 1) > '9') {
                    text.append('#');
                }
            }
            normalized.add(text.toString());
        }
        return normalized;
    }
}
