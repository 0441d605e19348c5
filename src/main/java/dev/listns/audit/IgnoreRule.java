package dev.listns.audit;

import dev.listns.model.Namespace;

import java.util.List;

/** One line of an ignore file: matches a namespace only if every criterion on the line does. */
record IgnoreRule(int line, List<IgnoreCriterion> criteria) {

    IgnoreRule {
        criteria = List.copyOf(criteria);
    }

    boolean matches(Namespace ns) {
        return criteria.stream().allMatch(c -> c.matches(ns));
    }
}
