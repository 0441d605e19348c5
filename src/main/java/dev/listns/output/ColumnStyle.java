package dev.listns.output;

/** How column output is written: lsns's three ways. */
public enum ColumnStyle {
    /** Aligned columns for people; cut to a terminal's width unless asked not to. */
    TABLE,
    /** {@code -r}: one blank between cells, blanks and other bytes in them escaped as {@code \xNN}. */
    RAW,
    /** {@code -J} with columns: lsns's JSON, an array of objects keyed by the columns' names. */
    JSON
}
