package dev.listns.columns;

import dev.listns.model.Holder;
import dev.listns.model.Namespace;
import dev.listns.model.ProcessInfo;

import java.util.Optional;

/**
 * One line of column output: a namespace, and the process and holder its other columns describe.
 *
 * @param summary the namespace, with what its lines share
 *
 * @param view    whether the line stands for the whole namespace ({@code -l}) or for one of its holders
 * @param process for a namespace line, its first process as lsns chooses it (the lowest PID among the
 *                member processes); for a holder line, the holder's process; empty when there is none
 * @param holder  for a namespace line, its main holder ({@link dev.listns.model.Namespace#mainHolder()}); for a holder
 *                line, that holder
 */
public record Line(View view, NamespaceSummary summary, Optional<ProcessInfo> process, Optional<Holder> holder,
        LineContext context) {

    public Namespace namespace() {
        return summary.namespace();
    }

    /** What one line stands for. */
    public enum View {
        /** One line per namespace, as lsns prints them. */
        NAMESPACE,
        /** One line per holder, as listns's table. */
        HOLDER
    }
}
