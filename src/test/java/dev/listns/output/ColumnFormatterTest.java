package dev.listns.output;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.listns.columns.Column;
import dev.listns.columns.Line;
import dev.listns.columns.TreeRelation;
import dev.listns.columns.UserNames;
import dev.listns.model.Holders;
import dev.listns.model.Namespace;
import dev.listns.model.NamespaceId;
import dev.listns.model.NamespaceType;
import dev.listns.model.ProcessInfo;
import dev.listns.model.ScanResult;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ColumnFormatterTest {
    private static final ObjectMapper JACKSON = new ObjectMapper();
    private static final UserNames USERS = uid -> uid == 0 ? Optional.of("root") : Optional.empty();

    private static ColumnFormatter.Layout layout(Line.View view, List<Column> columns, ColumnStyle style) {
        return new ColumnFormatter.Layout(view, columns, style, true, OptionalInt.empty(), false, Optional.empty(), false, USERS);
    }

    private static String write(ColumnFormatter.Layout layout, ScanResult result) {
        StringWriter out = new StringWriter();
        new ColumnFormatter(layout).write(result, new PrintWriter(out));
        return out.toString();
    }

    private static List<String> lines(String text) {
        return text.lines().toList();
    }

    /** The sample without its initial namespaces, so expectations stay short. */
    private static ScanResult nonInitial() {
        ScanResult all = SampleScan.result();
        return new ScanResult(all.namespaces().stream().filter(ns -> !ns.initial()).toList(), all.baseline(), false,
                List.of(), all.unavailable(), List.of(), all.startedAt(), all.duration(), all.bootId());
    }

    @Test
    void tableAlignsNumbersRightAndTextLeftWithoutTrailingBlanks() {
        String text = write(layout(Line.View.NAMESPACE, List.of(Column.NS, Column.TYPE, Column.NPROCS, Column.PID,
                Column.USER, Column.COMMAND), ColumnStyle.TABLE), nonInitial());

        assertThat(lines(text)).containsExactly(
                "        NS TYPE NPROCS PID USER COMMAND",
                "4026532300 net       2 200 33   nginx: master process",
                "4026532301 mnt       1 200 33   nginx: master process",
                "4026532400 net       0",
                "4026532500 user      1 300 1000 /catatonit -P",
                "4026532501 net       0",
                "4026532600 pid       0",
                "4026532602 pid       0");
    }

    @Test
    void holderViewHasALinePerHolderInTheTablesOrder() {
        String text = write(layout(Line.View.HOLDER, List.of(Column.PID, Column.ID, Column.HOLDER), ColumnStyle.TABLE),
                nonInitial());

        assertThat(lines(text)).hasSize(1 + 12).first().isEqualTo("PID ID                HOLDER");
        assertThat(lines(text)).contains(
                "400 net:[4026532501]  fd 5 of 400 ip netns exec x sleep 1",
                "    net:[4026532400]  bind mount /run/netns/blue",
                "600 pid:[4026532600]  thread 601 of 600 java -jar app.jar",
                "    user:[4026532500] owner of net:[4026532501]");
    }

    @Test
    void rawSeparatesByOneBlankAndEscapesBlanksInValues() {
        String text = write(layout(Line.View.NAMESPACE, List.of(Column.NS, Column.PID, Column.COMMAND, Column.NSFS,
                Column.NETNSID), ColumnStyle.RAW), nonInitial());

        assertThat(lines(text)).startsWith(
                "NS PID COMMAND NSFS NETNSID",
                "4026532300 200 nginx:\\x20master\\x20process  unassigned",
                "4026532301 200 nginx:\\x20master\\x20process  ",
                "4026532400   /run/netns/blue 0");
    }

    @Test
    void noHeadingsDropsTheHeadingOnly() {
        ColumnFormatter.Layout withHeadings = layout(Line.View.NAMESPACE, List.of(Column.NS), ColumnStyle.TABLE);
        ColumnFormatter.Layout without = new ColumnFormatter.Layout(Line.View.NAMESPACE, List.of(Column.NS),
                ColumnStyle.TABLE, false, OptionalInt.empty(), false, Optional.empty(), false, USERS);

        assertThat(lines(write(without, nonInitial()))).isEqualTo(lines(write(withHeadings, nonInitial())).subList(1, 8));
    }

    @Test
    void jsonWritesNumbersAsNumbersTextAsStringsAndAbsentAsNull() throws Exception {
        String text = write(layout(Line.View.NAMESPACE, List.of(Column.NS, Column.TYPE, Column.PID, Column.NETNSID,
                Column.NSFS, Column.PNS), ColumnStyle.JSON), nonInitial());

        JsonNode namespaces = JACKSON.readTree(text).get("namespaces");
        assertThat(namespaces).hasSize(7);
        JsonNode docker = namespaces.get(0);
        assertThat(docker.get("ns").isIntegralNumber()).isTrue();
        assertThat(docker.get("ns").longValue()).isEqualTo(4026532300L);
        assertThat(docker.get("type").textValue()).isEqualTo("net");
        assertThat(docker.get("pid").intValue()).isEqualTo(200);
        assertThat(docker.get("netnsid").textValue()).as("a string, as in lsns").isEqualTo("unassigned");
        assertThat(docker.get("nsfs").isNull()).isTrue();
        assertThat(docker.get("pns").intValue()).isZero();
        JsonNode blue = namespaces.get(2);
        assertThat(blue.get("pid").isNull()).isTrue();
        assertThat(blue.get("nsfs").textValue()).isEqualTo("/run/netns/blue");
        assertThat(blue.get("netnsid").textValue()).isEqualTo("0");
        assertThat(docker.has("children")).isFalse();
    }

    @Test
    void holderViewJsonNamesItsArrayHolders() throws Exception {
        String text = write(layout(Line.View.HOLDER, List.of(Column.KIND), ColumnStyle.JSON), nonInitial());

        assertThat(JACKSON.readTree(text).get("holders")).hasSize(12);
    }

    /** One network namespace bound at two places (and named twice), to show lists. */
    private static ScanResult twiceMounted() {
        ScanResult all = SampleScan.result();
        NamespaceId mnt = all.baseline().of(NamespaceType.MNT).orElseThrow();
        Namespace net = new Namespace(new NamespaceId(NamespaceType.NET, 4026532700L), false, List.of(
                new Holders.BindMount("/run/netns/a", mnt, false, 10), new Holders.BindMount("/srv/b", mnt, false, 11)),
                List.of("a", "b"), Optional.empty(), Optional.empty(), OptionalInt.empty(), OptionalInt.empty());
        return new ScanResult(List.of(net), all.baseline(), false, List.of(), all.unavailable(), List.of(),
                all.startedAt(), all.duration(), all.bootId());
    }

    @Test
    void listsTakeALinePerItemInATableAndOneCommaListWithNowrapOrRaw() throws Exception {
        List<Column> columns = List.of(Column.NS, Column.NSFS, Column.TYPE);
        assertThat(lines(write(layout(Line.View.NAMESPACE, columns, ColumnStyle.TABLE), twiceMounted()))).containsExactly(
                "        NS NSFS         TYPE",
                "4026532700 /run/netns/a net",
                "           /srv/b");
        ColumnFormatter.Layout nowrap = new ColumnFormatter.Layout(Line.View.NAMESPACE, columns, ColumnStyle.TABLE, true,
                OptionalInt.empty(), true, Optional.empty(), false, USERS);
        assertThat(lines(write(nowrap, twiceMounted()))).containsExactly(
                "        NS NSFS                TYPE",
                "4026532700 /run/netns/a,/srv/b net");
        assertThat(lines(write(layout(Line.View.NAMESPACE, columns, ColumnStyle.RAW), twiceMounted())))
                .containsExactly("NS NSFS TYPE", "4026532700 /run/netns/a,/srv/b net");
        JsonNode json = JACKSON.readTree(write(layout(Line.View.NAMESPACE, List.of(Column.NSFS, Column.NAMES),
                ColumnStyle.JSON), twiceMounted())).get("namespaces").get(0);
        assertThat(json.get("nsfs").textValue()).as("newline-separated, as lsns without -W").isEqualTo("/run/netns/a\n/srv/b");
        assertThat(json.get("names").textValue()).isEqualTo("a\nb");
    }

    @Test
    void aTerminalCutsOnlyTheCuttableColumnsAndOnlyWhenAsked() {
        List<Column> columns = List.of(Column.NS, Column.TYPE, Column.COMMAND);
        ColumnFormatter.Layout narrow = new ColumnFormatter.Layout(Line.View.NAMESPACE, columns, ColumnStyle.TABLE, true,
                OptionalInt.of(30), false, Optional.empty(), false, USERS);

        List<String> cut = lines(write(narrow, nonInitial()));
        assertThat(cut).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(30));
        assertThat(cut.get(1)).isEqualTo("4026532300 net  nginx: master…");

        List<String> whole = lines(write(layout(Line.View.NAMESPACE, columns, ColumnStyle.TABLE), nonInitial()));
        assertThat(whole.get(1)).isEqualTo("4026532300 net  nginx: master process");
    }

    @Test
    void hostileTextIsEscapedForEachOutput() throws Exception {
        ScanResult all = SampleScan.result();
        ProcessInfo evil = new ProcessInfo(666, 1, "evil", "evil\u001b[2J \\ x\nnext", 1, Optional.empty(), 0);
        Namespace ns = new Namespace(new NamespaceId(NamespaceType.UTS, 4026532666L), false, List.of(Holders.member(evil)),
                List.of("n\u001b]0;t\u0007"), Optional.empty(), Optional.empty(), OptionalInt.empty(), OptionalInt.empty());
        ScanResult result = new ScanResult(List.of(ns), all.baseline(), false, List.of(), all.unavailable(), List.of(),
                all.startedAt(), all.duration(), all.bootId());
        List<Column> columns = List.of(Column.COMMAND, Column.NAMES);

        String table = write(layout(Line.View.NAMESPACE, columns, ColumnStyle.TABLE), result);
        assertThat(lines(table)).containsExactly(String.format("%-24s %s", "COMMAND", "NAMES"),
                "evil\\x1b[2J \\\\ x\\x0anext n\\x1b]0;t\\x07");
        String raw = write(layout(Line.View.NAMESPACE, columns, ColumnStyle.RAW), result);
        assertThat(lines(raw)).containsExactly("COMMAND NAMES", "evil\\x1b[2J\\x20\\x5c\\x20x\\x0anext n\\x1b]0;t\\x07");
        String json = write(layout(Line.View.NAMESPACE, columns, ColumnStyle.JSON), result);
        assertThat(JACKSON.readTree(json).get("namespaces").get(0).get("command").textValue())
                .as("escaped as listns's other JSON").isEqualTo("evil\\x1b[2J \\\\ x\\x0anext");
        for (String output : List.of(table, raw, json)) {
            assertThat(output.chars()).noneMatch(c -> c < 0x20 && c != '\n' || c == 0x7f);
        }
    }

    @Test
    void ownerTreeDrawsTheNsColumnAndJsonNestsChildren() throws Exception {
        ScanResult all = SampleScan.result();
        ColumnFormatter.Layout tree = new ColumnFormatter.Layout(Line.View.NAMESPACE, List.of(Column.NS, Column.TYPE),
                ColumnStyle.TABLE, true, OptionalInt.empty(), false, Optional.of(TreeRelation.OWNER), false, USERS);

        List<String> text = lines(write(tree, all));
        long userInode = all.baseline().of(NamespaceType.USER).orElseThrow().inode();
        assertThat(text.get(0)).startsWith("NS").as("a tree column reads from the left").contains("TYPE");
        assertThat(text).contains(userInode + "   user", "`-4026532400 net");
        assertThat(text.stream().filter(l -> l.startsWith("|-") || l.startsWith("`-"))).hasSize(1);

        ColumnFormatter.Layout box = new ColumnFormatter.Layout(Line.View.NAMESPACE, List.of(Column.NS), ColumnStyle.TABLE,
                true, OptionalInt.empty(), false, Optional.of(TreeRelation.OWNER), true, USERS);
        assertThat(lines(write(box, all))).contains("└─4026532400");

        ColumnFormatter.Layout json = new ColumnFormatter.Layout(Line.View.NAMESPACE, List.of(Column.NS),
                ColumnStyle.JSON, true, OptionalInt.empty(), false, Optional.of(TreeRelation.OWNER), false, USERS);
        List<Long> nested = new ArrayList<>();
        for (JsonNode root : JACKSON.readTree(write(json, all)).get("namespaces")) {
            if (root.has("children")) {
                root.get("children").forEach(child -> nested.add(child.get("ns").longValue()));
            }
        }
        assertThat(nested).containsExactly(4026532400L);
    }

    @Test
    void keptLinesAreFilteredAndATreeLineWhoseParentGoesBecomesARoot() {
        ScanResult all = SampleScan.result();
        ColumnFormatter.Layout onlyNet = new ColumnFormatter.Layout(Line.View.NAMESPACE, List.of(Column.NS, Column.TYPE),
                ColumnStyle.RAW, false, OptionalInt.empty(), false, Optional.of(TreeRelation.OWNER), false, USERS,
                line -> Column.TYPE.value(line).text().orElse("").equals("net"));

        assertThat(lines(write(onlyNet, all))).containsExactly(
                all.baseline().of(NamespaceType.NET).orElseThrow().inode() + " net", "4026532300 net", "4026532400 net",
                "4026532501 net");
    }

    @Test
    void rawTreeKeepsOneCellPerColumn() {
        ColumnFormatter.Layout tree = new ColumnFormatter.Layout(Line.View.NAMESPACE, List.of(Column.NS, Column.TYPE),
                ColumnStyle.RAW, false, OptionalInt.empty(), false, Optional.of(TreeRelation.OWNER), true, USERS);

        assertThat(lines(write(tree, SampleScan.result()))).contains("`-4026532400 net")
                .allSatisfy(line -> assertThat(line.split(" ")).hasSize(2));
    }

    @Test
    void columnListIsATableRawOrJsonOfEveryColumn() throws Exception {
        StringWriter table = new StringWriter();
        new ColumnListFormatter(ColumnStyle.TABLE).write(new PrintWriter(table));
        // Names right-aligned to the longest one, as lsns -H prints them.
        int width = java.util.Arrays.stream(Column.values()).mapToInt(c -> c.header().length()).max().orElseThrow();
        assertThat(lines(table.toString())).hasSize(Column.values().length)
                .contains(" ".repeat(width - 2) + "NS <integer> " + Column.NS.description(),
                        " ".repeat(width - 4) + "TYPE <string>  " + Column.TYPE.description());

        StringWriter raw = new StringWriter();
        new ColumnListFormatter(ColumnStyle.RAW).write(new PrintWriter(raw));
        assertThat(lines(raw.toString())).allSatisfy(line -> assertThat(line.split(" ")).hasSize(3))
                .contains("NS <integer> " + RawText.escape(Column.NS.description()));

        StringWriter json = new StringWriter();
        new ColumnListFormatter(ColumnStyle.JSON).write(new PrintWriter(json));
        JsonNode columns = JACKSON.readTree(json.toString()).get("listns-columns");
        assertThat(columns).hasSize(Column.values().length);
        assertThat(columns.get(0).get("holder").textValue()).isEqualTo("NS");
        assertThat(columns.get(0).get("type").textValue()).isEqualTo("<integer>");
        assertThat(columns.get(0).get("description").textValue()).isEqualTo(Column.NS.description());
    }
}
