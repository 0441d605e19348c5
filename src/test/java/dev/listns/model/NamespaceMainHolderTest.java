package dev.listns.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class NamespaceMainHolderTest {
    private static final NamespaceId NET = new NamespaceId(NamespaceType.NET, 4026532500L);
    private static final NamespaceId MNT = new NamespaceId(NamespaceType.MNT, 4026531841L);
    private static final NamespaceId OTHER_MNT = new NamespaceId(NamespaceType.MNT, 4026532600L);

    private static ProcessInfo process(int pid, long startTime) {
        return new ProcessInfo(pid, 1, "p" + pid, "/bin/p" + pid, startTime, Optional.empty());
    }

    private static Namespace holding(Holder... holders) {
        return new Namespace(NET, false, List.of(holders), List.of(), Optional.empty(), Optional.empty(),
                OptionalInt.empty(), OptionalInt.empty());
    }

    @Test
    void aMemberIsNamedBeforeAnyReferenceAndTheOldestMemberFirst() {
        Holder fd = Holders.fd(3, process(10, 5));
        Holder young = Holders.member(process(20, 900));
        Holder old = Holders.member(process(30, 100));

        assertThat(holding(fd, young, old).mainHolder()).contains(old);
    }

    @Test
    void aBindMountIsNamedBeforeAnFdAndOneInListnsOwnMountNamespaceFirst() {
        Holder elsewhere = new Holders.BindMount("/a", OTHER_MNT, true, 7);
        Holder here = new Holders.BindMount("/z", MNT, false, 8);
        Holder fd = Holders.fd(3, process(10, 5));

        assertThat(holding(fd, elsewhere, here).mainHolder()).contains(here);
    }

    @Test
    void theKernelIsNamedOnlyWhenNothingElseHoldsTheNamespace() {
        Holder owner = new Holders.Related(Holders.Relation.OWNED, OTHER_MNT);

        assertThat(holding(new Holders.Kernel(), owner).mainHolder()).contains(owner);
        assertThat(holding(new Holders.Kernel()).mainHolder()).contains(new Holders.Kernel());
        assertThat(holding().mainHolder()).isEmpty();
    }
}
