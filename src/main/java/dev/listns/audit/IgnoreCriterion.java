package dev.listns.audit;

import dev.listns.model.Namespace;

/** One {@code key=pattern} of an ignore rule: true if any value the key yields for the namespace matches. */
record IgnoreCriterion(IgnoreKey key, Glob pattern) {

    boolean matches(Namespace ns) {
        return key.values(ns).anyMatch(pattern::matches);
    }

    @Override
    public String toString() {
        return key.label() + "=" + pattern;
    }
}
