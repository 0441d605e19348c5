package dev.listns.columns;

import dev.listns.model.ScanResult;
import dev.listns.model.Unavailable;

/**
 * What the columns of every line of one scan share.
 *
 * @param users         UID to user name, for USER
 * @param netnsIdsAsked whether the scan asked the kernel for NETNSIDs: only then does a network namespace
 *                      without one have none ("unassigned"), rather than one not looked for
 */
public record LineContext(UserNames users, boolean netnsIdsAsked) {

    public static LineContext of(ScanResult result, UserNames users) {
        return new LineContext(users, !result.unavailable().kinds().contains(Unavailable.NETWORK_NAMESPACE_IDS));
    }
}
