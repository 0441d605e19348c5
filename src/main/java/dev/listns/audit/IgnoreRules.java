package dev.listns.audit;

import dev.listns.model.Namespace;

import java.util.List;

/**
 * The rules of an ignore file: a namespace is ignored if any rule matches it. Rules only decide what
 * is reported; the state records every namespace regardless, so editing the rules never makes a
 * namespace appear or disappear by itself.
 */
public record IgnoreRules(List<IgnoreRule> rules) {

    public IgnoreRules {
        rules = List.copyOf(rules);
    }

    public static IgnoreRules none() {
        return new IgnoreRules(List.of());
    }

    public boolean ignores(Namespace ns) {
        return rules.stream().anyMatch(r -> r.matches(ns));
    }
}
