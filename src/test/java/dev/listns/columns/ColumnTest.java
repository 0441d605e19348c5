package dev.listns.columns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.listns.model.Holders;
import dev.listns.model.Namespace;
import dev.listns.model.NamespaceId;
import dev.listns.model.NamespaceType;
import dev.listns.model.ProcessInfo;
import dev.listns.model.ScanResult;
import dev.listns.model.Unavailable;
import dev.listns.output.SampleScan;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** What each column says of the lines of {@link SampleScan}: its namespace lines (-l) and its holder lines. */
class ColumnTest {
    private static final UserNames USERS = uid -> uid == 33 ? Optional.of("www-data") : uid == 0 ? Optional.of("root") : Optional.empty();
    private static final ColumnValue ABSENT = ColumnValue.ABSENT;

    private final ScanResult scan = SampleScan.result();
    private final LineContext context = LineContext.of(scan, USERS);

    private Line namespaceLine(NamespaceType type, long inode) {
        return Lines.perNamespace(scan, context).stream().filter(l -> l.namespace().id().equals(new NamespaceId(type, inode)))
                .findFirst().orElseThrow();
    }

    private List<Line> holderLines(NamespaceType type, long inode) {
        return Lines.perHolder(scan, context).stream().filter(l -> l.namespace().id().equals(new NamespaceId(type, inode)))
                .toList();
    }

    private static Map<Column, ColumnValue> values(Line line) {
        Map<Column, ColumnValue> values = new EnumMap<>(Column.class);
        for (Column column : Column.values()) {
            values.put(column, column.value(line));
        }
        return values;
    }

    private static ColumnValue text(String text) {
        return new ColumnValue.Text(text);
    }

    private static ColumnValue number(long number) {
        return new ColumnValue.Number(number);
    }

    @Test
    void namespaceLineDescribesItsLowestPidAndItsMainHolder() {
        Map<Column, ColumnValue> docker = values(namespaceLine(NamespaceType.NET, 4026532300L));

        assertThat(docker).containsEntry(Column.NS, number(4026532300L))
                .containsEntry(Column.TYPE, text("net"))
                .containsEntry(Column.PATH, text("/proc/200/ns/net"))
                .containsEntry(Column.NPROCS, number(2))
                .containsEntry(Column.PID, number(200))
                .containsEntry(Column.PPID, number(190))
                .containsEntry(Column.COMMAND, text("nginx: master process"))
                .containsEntry(Column.UID, number(33))
                .containsEntry(Column.USER, text("www-data"))
                .containsEntry(Column.NETNSID, text("unassigned"))
                .containsEntry(Column.NSFS, ABSENT)
                .containsEntry(Column.PNS, number(0))
                .containsEntry(Column.ONS, ABSENT)
                .containsEntry(Column.ID, text("net:[4026532300]"))
                .containsEntry(Column.NSID, ABSENT)
                .containsEntry(Column.HOLDERS, number(2))
                .containsEntry(Column.HOLDER, text("[docker:d4ff6e99ed56] nginx: master process"))
                .containsEntry(Column.KIND, text("process"))
                .containsEntry(Column.NAMES, ABSENT);
    }

    @Test
    void namespaceWithoutProcessShowsItsBindMountAndNamesAndNoProcessColumns() {
        Map<Column, ColumnValue> blue = values(namespaceLine(NamespaceType.NET, 4026532400L));

        assertThat(blue).containsEntry(Column.NPROCS, number(0))
                .containsEntry(Column.PID, ABSENT).containsEntry(Column.PPID, ABSENT)
                .containsEntry(Column.COMMAND, ABSENT).containsEntry(Column.UID, ABSENT).containsEntry(Column.USER, ABSENT)
                .containsEntry(Column.PATH, text("/run/netns/blue"))
                .containsEntry(Column.NSFS, new ColumnValue.TextList(List.of("/run/netns/blue")))
                .containsEntry(Column.NAMES, new ColumnValue.TextList(List.of("blue")))
                .containsEntry(Column.NETNSID, text("0"))
                .containsEntry(Column.ONS, number(scan.baseline().of(NamespaceType.USER).orElseThrow().inode()))
                .containsEntry(Column.HOLDER, text("bind mount /run/netns/blue"))
                .containsEntry(Column.KIND, text("bind_mount"));
    }

    @Test
    void threadsAreNoProcessesButTheirLinkIsAPath() {
        Map<Column, ColumnValue> threaded = values(namespaceLine(NamespaceType.PID, 4026532600L));

        assertThat(threaded).containsEntry(Column.NPROCS, number(0)).containsEntry(Column.PID, ABSENT)
                .containsEntry(Column.PATH, text("/proc/600/task/601/ns/pid"))
                .containsEntry(Column.KIND, text("thread"))
                .as("a pid namespace's parent, not learnt").containsEntry(Column.PNS, ABSENT)
                .containsEntry(Column.HOLDERS, number(2));
    }

    @Test
    void kernelHeldNamespaceHasNoPath() {
        Map<Column, ColumnValue> kernel = values(namespaceLine(NamespaceType.PID, 4026532602L));

        assertThat(kernel).containsEntry(Column.PATH, ABSENT).containsEntry(Column.KIND, text("kernel"))
                .containsEntry(Column.HOLDER, text("held by the kernel; listns could not tell what holds it"));
    }

    @Test
    void initialNamespacesHaveZeroForWhatTheyHaveNone() {
        Map<Column, ColumnValue> user = values(namespaceLine(NamespaceType.USER, scan.baseline().of(NamespaceType.USER)
                .orElseThrow().inode()));

        assertThat(user).containsEntry(Column.PNS, number(0)).containsEntry(Column.ONS, number(0))
                .containsEntry(Column.COMMAND, text("/sbin/init")).containsEntry(Column.USER, text("root"))
                .containsEntry(Column.NETNSID, ABSENT);
    }

    @Test
    void holderLinesDescribeEachHolderAndItsOwnProcess() {
        List<Line> lines = holderLines(NamespaceType.NET, 4026532501L);

        assertThat(lines).extracting(l -> Column.KIND.value(l)).containsExactly(text("fd"), text("socket"));
        assertThat(lines).extracting(l -> Column.PID.value(l)).containsExactly(number(400), number(300));
        assertThat(lines).extracting(l -> Column.PATH.value(l)).containsExactly(text("/proc/400/fd/5"), ABSENT);
        assertThat(lines).extracting(l -> Column.HOLDER.value(l))
                .containsExactly(text("fd 5 of 400 ip netns exec x sleep 1"),
                        text("socket fd 7 of 300 [podman:0a1b2c3d4e5f] /catatonit -P"));
        assertThat(lines).extracting(l -> Column.USER.value(l)).as("a UID without a name reads as its number")
                .containsExactly(text("root"), text("1000"));
        assertThat(lines).extracting(l -> Column.NPROCS.value(l)).containsOnly(number(0));
    }

    @Test
    void holderLinesComeInTheTablesOrderReferencesFirst() {
        List<Line> lines = holderLines(NamespaceType.USER, 4026532500L);

        assertThat(lines).extracting(l -> Column.KIND.value(l).text().orElseThrow())
                .containsExactly("for_children", "owned_namespace", "process");
        assertThat(Lines.perHolder(scan, context)).hasSize(scan.namespaces().stream().mapToInt(ns -> ns.holders().size()).sum());
    }

    @Test
    void namespaceLinesAreInInodeOrderAsLsnsPrintsThem() {
        List<Long> inodes = Lines.perNamespace(scan, context).stream().map(l -> l.namespace().id().inode()).toList();

        assertThat(inodes).isSorted().hasSize(scan.namespaces().size());
    }

    @Test
    void kernelThreadsCommandIsItsNameAsLsnsShowsIt() {
        ProcessInfo kthreadd = new ProcessInfo(2, 0, "kthreadd", "[kthreadd]", 1, Optional.empty(), 0);
        ProcessInfo bracketedArgv = new ProcessInfo(3, 0, "x", "[x] --flag", 1, Optional.empty(), 0);

        assertThat(Column.COMMAND.value(line(kthreadd))).isEqualTo(text("kthreadd"));
        assertThat(Column.COMMAND.value(line(bracketedArgv))).isEqualTo(text("[x] --flag"));
    }

    @Test
    void unknownUidIsAbsentAndAUserNamespaceWithoutProcessShowsItsCreator() {
        ProcessInfo fromState = new ProcessInfo(7, 1, "sh", "sh", 1, Optional.empty());
        assertThat(Column.UID.value(line(fromState))).isEqualTo(ABSENT);
        assertThat(Column.USER.value(line(fromState))).isEqualTo(ABSENT);

        Namespace user = new Namespace(new NamespaceId(NamespaceType.USER, 4026532900L), false,
                List.of(Holders.parentOf(new NamespaceId(NamespaceType.USER, 4026532901L))), List.of(), Optional.empty(),
                Optional.empty(), OptionalInt.of(1000), OptionalInt.empty());
        Line line = new Line(Line.View.NAMESPACE, new NamespaceSummary(user), Optional.empty(), Optional.empty(), context);
        assertThat(Column.UID.value(line)).isEqualTo(number(1000));
        assertThat(Column.USER.value(line)).isEqualTo(text("1000"));
    }

    @Test
    void netnsidIsAbsentRatherThanUnassignedWhenIdsWereNotAskedFor() {
        ScanResult java17 = new ScanResult(scan.namespaces(), scan.baseline(), false, List.of(),
                new Unavailable(List.of(Unavailable.NETWORK_NAMESPACE_IDS), "needs Java 22 or later"), List.of(),
                Instant.EPOCH, Duration.ZERO, "boot");
        LineContext withoutIds = LineContext.of(java17, USERS);
        Line docker = Lines.perNamespace(java17, withoutIds).stream()
                .filter(l -> l.namespace().id().inode() == 4026532300L).findFirst().orElseThrow();

        assertThat(Column.NETNSID.value(docker)).isEqualTo(ABSENT);
    }

    @Test
    void nsfsListsEachMountPointOnceInMountOrderAndOnlyThoseInListnsMountNamespace() {
        NamespaceId mnt = new NamespaceId(NamespaceType.MNT, 4026531832L);
        NamespaceId other = new NamespaceId(NamespaceType.MNT, 4026532999L);
        Namespace net = new Namespace(new NamespaceId(NamespaceType.NET, 4026532950L), false, List.of(
                new Holders.BindMount("/run/netns/b", mnt, false, 900),
                new Holders.BindMount("/srv/in-a-container", other, true, 100),
                new Holders.BindMount("/run/netns/a", mnt, false, 500),
                new Holders.BindMount("/run/netns/b", mnt, false, 901)), List.of("a", "b"), Optional.empty(),
                Optional.empty(), OptionalInt.empty(), OptionalInt.empty());
        Line line = new Line(Line.View.NAMESPACE, new NamespaceSummary(net), Optional.empty(), Optional.empty(), context);

        assertThat(Column.NSFS.value(line)).isEqualTo(new ColumnValue.TextList(List.of("/run/netns/a", "/run/netns/b")));
        assertThat(Column.NSFS.value(line).text()).hasValue("/run/netns/a,/run/netns/b");
    }

    @Test
    void namesAreFoundInAnyCaseAndEveryColumnIsDescribed() {
        assertThat(Column.named("nprocs")).hasValue(Column.NPROCS);
        assertThat(Column.named("NetNsId")).hasValue(Column.NETNSID);
        assertThat(Column.named("nope")).isEmpty();
        for (Column column : Column.values()) {
            assertThat(column.description()).as(column.header()).isNotBlank().doesNotContain("\n");
            assertThat(column.jsonKey()).isEqualTo(column.header().toLowerCase());
        }
        assertThat(List.of(Column.values()).subList(0, 13).stream().map(Column::header).collect(Collectors.joining(",")))
                .as("lsns's columns, in lsns's order").isEqualTo("NS,TYPE,PATH,NPROCS,PID,PPID,COMMAND,UID,USER,NETNSID,NSFS,PNS,ONS");
    }

    @Test
    void numbersAreNumbersAndTextIsText() {
        for (Line line : Lines.perHolder(scan, context)) {
            for (Column column : Column.values()) {
                ColumnValue value = column.value(line);
                if (column.type() == ColumnType.NUMBER) {
                    assertThat(value).as(column.header()).isInstanceOfAny(ColumnValue.Number.class, ColumnValue.Absent.class);
                } else {
                    assertThat(value).as(column.header()).isNotInstanceOf(ColumnValue.Number.class);
                }
            }
        }
    }

    private Line line(ProcessInfo process) {
        Namespace ns = new Namespace(new NamespaceId(NamespaceType.UTS, 4026532800L), false, List.of(Holders.member(process)),
                List.of(), Optional.empty(), Optional.empty(), OptionalInt.empty(), OptionalInt.empty());
        return new Line(Line.View.NAMESPACE, new NamespaceSummary(ns), Optional.of(process), Optional.of(Holders.member(process)), context);
    }
}
