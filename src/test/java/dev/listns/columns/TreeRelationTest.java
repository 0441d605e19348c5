package dev.listns.columns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.listns.model.Holder;
import dev.listns.model.Holders;
import dev.listns.model.Namespace;
import dev.listns.model.NamespaceId;
import dev.listns.model.NamespaceType;
import dev.listns.model.ProcessInfo;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class TreeRelationTest {
    private static final NamespaceId USER0 = new NamespaceId(NamespaceType.USER, 4026531837L);
    private static final NamespaceId USER1 = new NamespaceId(NamespaceType.USER, 4026532100L);
    private static final NamespaceId NET1 = new NamespaceId(NamespaceType.NET, 4026532101L);
    private static final NamespaceId UTS0 = new NamespaceId(NamespaceType.UTS, 4026531838L);
    private static final NamespaceId UTS1 = new NamespaceId(NamespaceType.UTS, 4026532102L);
    private static final NamespaceId UTS2 = new NamespaceId(NamespaceType.UTS, 4026532103L);

    private static ProcessInfo process(int pid, int ppid) {
        return new ProcessInfo(pid, ppid, "p" + pid, "p" + pid, pid, Optional.empty(), 0);
    }

    private static Namespace ns(NamespaceId id, Optional<NamespaceId> parent, Optional<NamespaceId> owner, ProcessInfo... members) {
        return new Namespace(id, false, List.of(members).stream().<Holder>map(Holders::member).toList(),
                List.of(), parent, owner, OptionalInt.empty(), OptionalInt.empty());
    }

    @Test
    void ownerAndParentHangNamespacesUnderThoseThatAreListed() {
        List<Namespace> namespaces = List.of(
                ns(USER0, Optional.empty(), Optional.empty()),
                ns(USER1, Optional.of(USER0), Optional.of(USER0)),
                ns(NET1, Optional.empty(), Optional.of(USER1)),
                ns(UTS1, Optional.empty(), Optional.of(new NamespaceId(NamespaceType.USER, 4026539999L))));

        assertThat(TreeRelation.OWNER.ups(namespaces)).containsExactly(Map.entry(USER1, USER0), Map.entry(NET1, USER1));
        assertThat(TreeRelation.PARENT.ups(namespaces)).containsExactly(Map.entry(USER1, USER0));
    }

    @Test
    void processTreeHangsANamespaceUnderTheLastLinePrintedBeforeItForItsFirstProcesssParent() {
        ProcessInfo init = process(1, 0);
        ProcessInfo child = process(50, 1);
        ProcessInfo grandchild = process(60, 50);
        List<Namespace> namespaces = List.of(
                ns(USER0, Optional.empty(), Optional.empty(), init, child),
                ns(UTS0, Optional.empty(), Optional.empty(), init),
                ns(UTS1, Optional.empty(), Optional.empty(), child),
                ns(UTS2, Optional.empty(), Optional.empty(), grandchild));

        assertThat(TreeRelation.PROCESS.ups(namespaces)).containsExactly(Map.entry(UTS1, UTS0), Map.entry(UTS2, UTS1));
    }

    @Test
    void forestKeepsTheGivenOrderAndMakesALoopIntoRoots() {
        LineContext context = new LineContext(UserNames.NONE, true);
        List<Line> lines = List.of(USER0, USER1, NET1, UTS1).stream()
                .map(id -> new Line(Line.View.NAMESPACE, new NamespaceSummary(ns(id, Optional.empty(), Optional.empty())), Optional.empty(),
                        Optional.empty(), context)).toList();

        List<LineTree.Node> forest = LineTree.of(lines, Map.of(USER1, USER0, NET1, USER1, UTS1, USER0));
        assertThat(forest).extracting(n -> n.line().namespace().id()).containsExactly(USER0);
        assertThat(forest.get(0).children()).extracting(n -> n.line().namespace().id()).containsExactly(USER1, UTS1);
        assertThat(forest.get(0).children().get(0).children()).extracting(n -> n.line().namespace().id()).containsExactly(NET1);

        List<LineTree.Node> loop = LineTree.of(lines, Map.of(USER0, USER1, USER1, USER0));
        assertThat(loop).extracting(n -> n.line().namespace().id()).containsExactly(USER0, USER1, NET1, UTS1);
    }
}
