package dev.listns.output;

/** The output formats of --format; -J is short for json. */
public enum OutputFormat {
    TABLE,
    JSON,
    JSONL,
    PROMETHEUS
}
