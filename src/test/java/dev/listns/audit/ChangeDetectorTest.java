package dev.listns.audit;

import static dev.listns.audit.Fixtures.bindMount;
import static dev.listns.audit.Fixtures.id;
import static dev.listns.audit.Fixtures.member;
import static dev.listns.audit.Fixtures.ns;
import static dev.listns.audit.Fixtures.process;
import static dev.listns.audit.Fixtures.state;
import static org.assertj.core.api.Assertions.assertThat;

import dev.listns.model.Holders;
import dev.listns.model.Namespace;
import dev.listns.model.NamespaceId;
import dev.listns.model.NamespaceType;

import java.util.List;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

class ChangeDetectorTest {
    private static final NamespaceId UTS = id(NamespaceType.UTS, 4026532200L);
    private static final NamespaceId NET = id(NamespaceType.NET, 4026532281L);
    private static final NamespaceId USER = id(NamespaceType.USER, 4026532500L);
    private static final NamespaceId CHILD_USER = id(NamespaceType.USER, 4026532501L);

    private static List<String> changes(AuditState before, AuditState after) {
        return ChangeDetector.compare(before, after).stream()
                .map(c -> c.kind().sign() + " " + c.namespace().id() + " " + c.namespace().holders().size())
                .toList();
    }

    private static Namespace withId(Namespace ns, long nsId) {
        return new Namespace(ns.id(), ns.initial(), ns.holders(), ns.names(), ns.parent(), ns.owner(), ns.ownerUid(),
                ns.netnsId(), OptionalLong.of(nsId));
    }

    @Test
    void withKernelIdsANamespaceWhoseEveryHolderWasReplacedContinues() {
        // Its only process exec'd a new one under a new PID: the holder rule alone would call it new.
        AuditState before = state(withId(ns(UTS, member(process(100, 5000, "sleep 600"))), 4107));
        AuditState after = state(withId(ns(UTS, member(process(200, 9000, "sleep 600"))), 4107));
        assertThat(changes(before, after)).isEmpty();
    }

    @Test
    void withKernelIdsAReusedInodeIsANewNamespaceEvenWithTheSameHolder() {
        // A bind mount's path and mount id proving nothing here: the kernel's ids differ.
        AuditState before = state(withId(ns(NET, bindMount("/run/netns/a", 812)), 4107));
        AuditState after = state(withId(ns(NET, bindMount("/run/netns/a", 812)), 5120));
        assertThat(changes(before, after)).containsExactly("- net:[4026532281] 1", "+ net:[4026532281] 1");
    }

    @Test
    void aNamespaceHeldOnlyByTheKernelContinuesByItsIdAlone() {
        AuditState before = state(withId(ns(NET, new Holders.Kernel()), 4107));
        assertThat(changes(before, state(withId(ns(NET, new Holders.Kernel()), 4107)))).isEmpty();
        assertThat(changes(before, state(ns(NET, new Holders.Kernel())))).as("no id now: nothing proves it")
                .containsExactly("- net:[4026532281] 1", "+ net:[4026532281] 1");
    }

    @Test
    void aStateWithoutIdsIsComparedByItsHoldersWithAScanThatHasThem() {
        // Recorded by a listns (or on a kernel) without ids, audited after the upgrade, same boot.
        AuditState before = state(ns(UTS, member(process(100, 5000, "sleep 600"))));
        assertThat(changes(before, state(withId(ns(UTS, member(process(100, 5000, "sleep 600"))), 4107)))).isEmpty();
        assertThat(changes(before, state(withId(ns(UTS, member(process(200, 9000, "sh"))), 4107))))
                .containsExactly("- uts:[4026532200] 1", "+ uts:[4026532200] 1");
    }

    @Test
    void samePidAndStartTimeIsTheSameNamespace() {
        AuditState before = state(ns(UTS, member(process(100, 5000, "sleep 600"))));
        // A second member joined; the recorded one is still there.
        AuditState after = state(ns(UTS, member(process(100, 5000, "sleep 600")), member(process(101, 5100, "sh"))));
        assertThat(changes(before, after)).isEmpty();
    }

    @Test
    void reusedInodeWithADifferentProcessStartTimeIsANewNamespace() {
        // The sleep died with its namespace; the kernel gave the inode, and the PID, to new ones.
        AuditState before = state(ns(UTS, member(process(100, 5000, "sleep 600"))));
        AuditState after = state(ns(UTS, member(process(100, 9000, "sleep 600"))));
        assertThat(changes(before, after)).containsExactly("- uts:[4026532200] 1", "+ uts:[4026532200] 1");
        assertThat(ChangeDetector.compare(before, after).get(0).namespace().holders().get(0).process().get().startTime())
                .as("the disappeared one is shown as recorded").isEqualTo(5000);
    }

    @Test
    void reusedInodeWithOtherHoldersIsANewNamespace() {
        AuditState before = state(ns(UTS, member(process(100, 5000, "sleep 600"))));
        AuditState after = state(ns(UTS, member(process(200, 9000, "sleep 600"))));
        assertThat(changes(before, after)).containsExactly("- uts:[4026532200] 1", "+ uts:[4026532200] 1");
    }

    @Test
    void anotherBootMeansEverythingRecordedDisappeared() {
        Namespace same = ns(UTS, member(process(100, 5000, "sleep 600")));
        AuditState before = state("boot-1", same);
        AuditState after = state("boot-2", same, ns(NET, bindMount("/run/netns/foo", 812)));
        assertThat(changes(before, after)).containsExactly(
                "+ net:[4026532281] 1", "- uts:[4026532200] 1", "+ uts:[4026532200] 1");
    }

    @Test
    void appearedAndDisappearedInIdOrder() {
        AuditState before = state(ns(UTS, member(process(100, 5000, "sleep 600"))));
        AuditState after = state(ns(NET, bindMount("/run/netns/foo", 812)));
        assertThat(changes(before, after)).containsExactly("+ net:[4026532281] 1", "- uts:[4026532200] 1");
    }

    @Test
    void bindMountContinuesWithTheSameMountIdAndPath() {
        AuditState before = state(ns(NET, bindMount("/run/netns/foo", 812)));
        assertThat(changes(before, state(ns(NET, bindMount("/run/netns/foo", 812))))).isEmpty();
        assertThat(changes(before, state(ns(NET, bindMount("/run/netns/foo", 900)))))
                .as("deleted and re-added under the same name").hasSize(2);
        assertThat(changes(before, state(ns(NET, bindMount("/run/netns/bar", 812))))).hasSize(2);
        AuditState unknownId = state(ns(NET, bindMount("/run/netns/foo", -1)));
        assertThat(changes(unknownId, unknownId)).as("an unknown mount id proves nothing").hasSize(2);
    }

    @Test
    void fdAndSocketNeedTheSameFdNumberAndThreadsTheSameTid() {
        var keeper = process(300, 7000, "keeper");
        AuditState fd = state(ns(NET, Holders.fd(5, keeper)));
        assertThat(changes(fd, state(ns(NET, Holders.fd(5, keeper))))).isEmpty();
        assertThat(changes(fd, state(ns(NET, Holders.fd(6, keeper))))).hasSize(2);
        assertThat(changes(fd, state(ns(NET, Holders.socket(5, keeper))))).as("another kind of holder").hasSize(2);
        AuditState socket = state(ns(NET, Holders.socket(5, keeper)));
        assertThat(changes(socket, state(ns(NET, Holders.socket(5, keeper))))).isEmpty();
        AuditState thread = state(ns(UTS, Holders.thread(301, keeper)));
        assertThat(changes(thread, state(ns(UTS, Holders.thread(301, keeper))))).isEmpty();
        assertThat(changes(thread, state(ns(UTS, Holders.thread(302, keeper))))).hasSize(2);
        AuditState forChildren = state(ns(id(NamespaceType.PID, 4026532600L), Holders.forChildren(keeper)));
        assertThat(changes(forChildren, forChildren)).isEmpty();
        assertThat(changes(forChildren, state(ns(id(NamespaceType.PID, 4026532600L),
                Holders.forChildren(process(300, 7001, "keeper")))))).hasSize(2);
    }

    @Test
    void commandChangesDoNotMatterOnlyPidAndStartTime() {
        // exec() keeps PID and start time: still the same process, still the same namespace.
        AuditState before = state(ns(UTS, member(process(100, 5000, "sh -c 'exec sleep 600'"))));
        AuditState after = state(ns(UTS, member(process(100, 5000, "sleep 600"))));
        assertThat(changes(before, after)).isEmpty();
    }

    @Test
    void aReferenceContinuesOnlyIfTheReferencedNamespaceContinues() {
        // A user namespace kept alive only by its child, which is kept alive by a process.
        Namespace child = ns(CHILD_USER, member(process(100, 5000, "podman pause")));
        Namespace parent = ns(USER, Holders.parentOf(CHILD_USER));
        AuditState before = state(parent, child);
        assertThat(changes(before, state(parent, child))).isEmpty();

        Namespace newChild = ns(CHILD_USER, member(process(100, 9999, "podman pause")));
        assertThat(changes(before, state(parent, newChild))).as("the child's inode was reused, so the parent's was too")
                .containsExactly("- user:[4026532500] 1", "+ user:[4026532500] 1",
                        "- user:[4026532501] 1", "+ user:[4026532501] 1");
    }

    @Test
    void referenceChainsOfAnyLengthAndOwnedNamespaces() {
        NamespaceId grandChild = id(NamespaceType.USER, 4026532502L);
        NamespaceId owned = id(NamespaceType.NET, 4026532700L);
        List<Namespace> namespaces = List.of(
                ns(USER, Holders.parentOf(CHILD_USER)),
                ns(CHILD_USER, Holders.parentOf(grandChild)),
                ns(grandChild, Holders.ownerOf(owned)),
                ns(owned, bindMount("/run/netns/deep", 900)));
        AuditState before = state(namespaces.toArray(Namespace[]::new));
        assertThat(changes(before, state(namespaces.toArray(Namespace[]::new)))).isEmpty();

        List<Namespace> rebound = List.of(namespaces.get(0), namespaces.get(1), namespaces.get(2),
                ns(owned, bindMount("/run/netns/deep", 901)));
        assertThat(changes(before, state(rebound.toArray(Namespace[]::new)))).hasSize(8);
    }

    @Test
    void referencesThatOnlyPointAtEachOtherProveNothing() {
        // Not something the kernel allows, but it must not make two fresh namespaces look old.
        Namespace a = ns(USER, Holders.parentOf(CHILD_USER));
        Namespace b = ns(CHILD_USER, Holders.ownerOf(USER));
        assertThat(changes(state(a, b), state(a, b))).hasSize(4);
    }

    @Test
    void aSameInodeOfAnotherTypeIsAnotherNamespace() {
        AuditState before = state(ns(UTS, member(process(100, 5000, "sleep 600"))));
        AuditState after = state(ns(id(NamespaceType.IPC, 4026532200L), member(process(100, 5000, "sleep 600"))));
        assertThat(changes(before, after)).containsExactly("+ ipc:[4026532200] 1", "- uts:[4026532200] 1");
    }

    @Test
    void initialNamespacesAreNotAudited() {
        AuditState state = AuditState.of(Fixtures.scan(Fixtures.initialNet(), ns(UTS, member(process(1, 5, "init")))));
        assertThat(state.namespaces()).extracting(Namespace::id).containsExactly(UTS);
    }
}
