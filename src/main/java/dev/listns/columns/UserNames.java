package dev.listns.columns;

import java.util.Optional;

/** User names by UID, for the USER column; asked only when that column is shown. */
@FunctionalInterface
public interface UserNames {
    /** Knows no names: USER then shows numbers, as lsns does for a UID without one. */
    UserNames NONE = uid -> Optional.empty();

    Optional<String> name(int uid);
}
