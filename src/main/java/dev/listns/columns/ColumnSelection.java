package dev.listns.columns;

import java.util.ArrayList;
import java.util.List;

/** The columns each view prints when {@code -o} names none (or adds to them with {@code +}). */
public final class ColumnSelection {
    private ColumnSelection() {
    }

    /**
     * lsns's defaults: NS TYPE NPROCS PID USER COMMAND, with NETNSID and NSFS before COMMAND when the
     * listing asks for network namespaces ({@code -t net}).
     */
    public static List<Column> namespaceDefaults(boolean networkNamespacesAsked) {
        List<Column> columns = new ArrayList<>(List.of(Column.NS, Column.TYPE, Column.NPROCS, Column.PID, Column.USER));
        if (networkNamespacesAsked) {
            columns.add(Column.NETNSID);
            columns.add(Column.NSFS);
        }
        columns.add(Column.COMMAND);
        return columns;
    }

    /** The table's PID, Namespace and Thread/Command, as columns. */
    public static List<Column> holderDefaults() {
        return List.of(Column.PID, Column.ID, Column.HOLDER);
    }
}
