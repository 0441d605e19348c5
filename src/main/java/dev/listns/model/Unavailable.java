package dev.listns.model;

import java.util.List;

/**
 * What a scan could not look for, and why: one reason for all, since what is missing is the same
 * native access for each (for example "needs Java 22 or later").
 *
 * @param kinds  what was not looked for, e.g. "socket holders", in the order the scan first needed them
 * @param reason why, in words for the one line listns says about it; empty when nothing is missing
 */
public record Unavailable(List<String> kinds, String reason) {
    public static final Unavailable NONE = new Unavailable(List.of(), "");
    /** The kind named when NETNSIDs could not be asked for: then a network namespace without one may still have one. */
    public static final String NETWORK_NAMESPACE_IDS = "network namespace ids";

    public Unavailable {
        kinds = List.copyOf(kinds);
    }

    public boolean isEmpty() {
        return kinds.isEmpty();
    }
}
