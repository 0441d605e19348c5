package dev.listns.output;

import dev.listns.model.Holder;
import dev.listns.model.Namespace;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One line of the table: a namespace and one holder. The PID column shows the member task, or
 * {@code --} for a holder that only references the namespace. Rows order by (sortPid, description)
 * as their natural order, not by a chain of comparators: the table is listns's every-day output, and
 * each of a chain's lambdas is a class the JVM spins at start-up.
 */
record Row(String pid, String namespace, String description, int sortPid) implements Comparable<Row> {

    static final String NO_PID = "--";
    /** Marks a member of a named network namespace, as the original listns did. */
    static final String NAMED_MARK = "**";

    /** The rows of one namespace in (pid, description) order; references (no PID) first. */
    static List<Row> of(Namespace namespace) {
        List<Row> rows = new ArrayList<>(namespace.holders().size());
        String id = namespace.id().toString();
        for (Holder holder : namespace.holders()) {
            boolean member = holder.memberPid().isPresent();
            String marked = member && !namespace.names().isEmpty() ? id + NAMED_MARK : id;
            rows.add(new Row(member ? Integer.toString(holder.memberPid().getAsInt()) : NO_PID, marked,
                    TerminalSafe.escape(holder.description()), member ? holder.memberPid().getAsInt() : -1));
        }
        Collections.sort(rows);
        return rows;
    }

    @Override
    public int compareTo(Row other) {
        int byPid = Integer.compare(sortPid, other.sortPid);
        return byPid != 0 ? byPid : description.compareTo(other.description);
    }
}
