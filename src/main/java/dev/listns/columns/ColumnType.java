package dev.listns.columns;

/** How a column's values are written in JSON, and named by {@code -H}. */
public enum ColumnType {
    /** A JSON number. */
    NUMBER("<integer>"),
    /** A JSON string. */
    TEXT("<string>");

    private final String label;

    ColumnType(String label) {
        this.label = label;
    }

    /** As {@code -H} names it, in lsns's words. */
    public String label() {
        return label;
    }
}
