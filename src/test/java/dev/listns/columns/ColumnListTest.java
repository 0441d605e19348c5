package dev.listns.columns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ColumnListTest {
    private static final List<Column> LSNS_DEFAULTS = ColumnSelection.namespaceDefaults(false);

    @Test
    void aListReplacesTheDefaultsInItsOwnOrder() {
        ColumnList list = ColumnList.parse("pid,NS,Type");

        assertThat(list.over(LSNS_DEFAULTS)).containsExactly(Column.PID, Column.NS, Column.TYPE);
    }

    @Test
    void aPlusListAddsToTheDefaults() {
        assertThat(ColumnList.parse("+PATH,nsid").over(LSNS_DEFAULTS)).containsExactly(Column.NS, Column.TYPE,
                Column.NPROCS, Column.PID, Column.USER, Column.COMMAND, Column.PATH, Column.NSID);
        assertThat(ColumnList.parse("+USER").over(ColumnSelection.holderDefaults()))
                .containsExactly(Column.PID, Column.ID, Column.HOLDER, Column.USER);
    }

    @Test
    void lsnsDefaultsGainNetnsidAndNsfsForNetworkNamespaces() {
        assertThat(ColumnSelection.namespaceDefaults(true)).containsExactly(Column.NS, Column.TYPE, Column.NPROCS,
                Column.PID, Column.USER, Column.NETNSID, Column.NSFS, Column.COMMAND);
    }

    @Test
    void anUnknownOrEmptyNameIsRefusedByName() {
        assertThatThrownBy(() -> ColumnList.parse("NS,BOGUS")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'BOGUS'").hasMessageContaining("listns -H");
        assertThatThrownBy(() -> ColumnList.parse("NS,,TYPE")).hasMessageContaining("unknown column ''");
        assertThatThrownBy(() -> ColumnList.parse("")).hasMessageContaining("unknown column ''");
        assertThatThrownBy(() -> ColumnList.parse("+")).hasMessageContaining("unknown column ''");
    }
}
