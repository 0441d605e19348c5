package dev.listns.audit;

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
        return warnings.stream().map(w -> w.replaceAll("[0-9]+", "#")).toList();
    }
}
