package dev.listns.model;

import static dev.listns.model.FieldWiseEquality.assertFieldWise;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The records whose equals and hashCode are written out (to spare the start-up the ObjectMethods
 * bootstrap) against the definition the compiler would generate: each is compared with a twin record
 * of the same components, whose methods are the generated ones, over values that are equal and values
 * that differ in one component each.
 */
class RecordEqualityTest {
    private static final String HASH_ID = "d4ff6e99ed56" + "0".repeat(52);
    private static final NamespaceId NET = new NamespaceId(NamespaceType.NET, 4026532500L);
    private static final NamespaceId MNT = new NamespaceId(NamespaceType.MNT, 4026531841L);

    private record ContainerTwin(String engine, String id, Optional<String> name, Optional<String> pod,
            Optional<String> podNamespace, SortedMap<String, String> labels) {
    }

    private record ProcessTwin(int pid, int ppid, String name, String command, long startTime,
            Optional<Container> container, int uid) {
    }

    private record TaskTwin(Holders.Link link, int tid, int fd, ProcessInfo info) {
    }

    private record BindMountTwin(String path, NamespaceId mountNamespace, boolean foreign, int mountId) {
    }

    private record RelatedTwin(Holders.Relation relation, NamespaceId namespace) {
    }

    private record KernelTwin() {
    }

    /** New strings each time, so that equal values are never the same objects. */
    private static String text(String s) {
        return new String(s.toCharArray());
    }

    private static Container container() {
        return new Container(text("docker"), text(HASH_ID), Optional.of(text("web")), Optional.of(text("pod")),
                Optional.of(text("default")), new TreeMap<>(Map.of(text("app"), text("web"))));
    }

    private static ProcessInfo process() {
        return new ProcessInfo(100, 1, text("nginx"), text("nginx -g daemon off;"), 4242L, Optional.of(container()), 33);
    }

    @Test
    void containerIsEqualAndHashesAsItsGeneratedTwin() {
        Container base = container();
        assertFieldWise(List.of(base, container(),
                new Container("podman", HASH_ID, base.name(), base.pod(), base.podNamespace(), base.labels()),
                new Container("docker", "other", base.name(), base.pod(), base.podNamespace(), base.labels()),
                new Container("docker", HASH_ID, Optional.empty(), base.pod(), base.podNamespace(), base.labels()),
                new Container("docker", HASH_ID, base.name(), Optional.of("other"), base.podNamespace(), base.labels()),
                new Container("docker", HASH_ID, base.name(), base.pod(), Optional.empty(), base.labels()),
                new Container("docker", HASH_ID, base.name(), base.pod(), base.podNamespace(), new TreeMap<>()),
                new Container("docker", HASH_ID)),
                c -> new ContainerTwin(c.engine(), c.id(), c.name(), c.pod(), c.podNamespace(), c.labels()));
    }

    @Test
    void processInfoIsEqualAndHashesAsItsGeneratedTwin() {
        ProcessInfo base = process();
        assertFieldWise(List.of(base, process(),
                new ProcessInfo(101, 1, "nginx", base.command(), 4242L, base.container(), 33),
                new ProcessInfo(100, 2, "nginx", base.command(), 4242L, base.container(), 33),
                new ProcessInfo(100, 1, "nginy", base.command(), 4242L, base.container(), 33),
                new ProcessInfo(100, 1, "nginx", "", 4242L, base.container(), 33),
                new ProcessInfo(100, 1, "nginx", base.command(), 4243L, base.container(), 33),
                new ProcessInfo(100, 1, "nginx", base.command(), 4242L, Optional.empty(), 33),
                new ProcessInfo(100, 1, "nginx", base.command(), 4242L, Optional.of(new Container("docker", HASH_ID)), 33),
                new ProcessInfo(100, 1, "nginx", base.command(), 4242L, base.container(), ProcessInfo.UNKNOWN_UID)),
                p -> new ProcessTwin(p.pid(), p.ppid(), p.name(), p.command(), p.startTime(), p.container(), p.uid()));
    }

    @Test
    void taskIsEqualAndHashesAsItsGeneratedTwin() {
        ProcessInfo other = new ProcessInfo(7, 1, "sh", "sh", 1L, Optional.empty());
        assertFieldWise(List.of(Holders.fd(3, process()), Holders.fd(3, process()), Holders.fd(4, process()),
                Holders.socket(3, process()), Holders.threadFd(101, 3, process()), Holders.fd(3, other),
                Holders.member(process()), Holders.member(process()), Holders.thread(101, process()),
                Holders.forChildren(process())),
                t -> new TaskTwin(t.link(), t.tid(), t.fd(), t.info()));
    }

    @Test
    void bindMountIsEqualAndHashesAsItsGeneratedTwin() {
        assertFieldWise(List.of(new Holders.BindMount(text("/run/netns/a"), MNT, false, 40),
                new Holders.BindMount(text("/run/netns/a"), new NamespaceId(NamespaceType.MNT, MNT.inode()), false, 40),
                new Holders.BindMount("/run/netns/b", MNT, false, 40),
                new Holders.BindMount("/run/netns/a", NET, false, 40),
                new Holders.BindMount("/run/netns/a", MNT, true, 40),
                new Holders.BindMount("/run/netns/a", MNT, false, -1)),
                m -> new BindMountTwin(m.path(), m.mountNamespace(), m.foreign(), m.mountId()));
    }

    @Test
    void relatedIsEqualAndHashesAsItsGeneratedTwin() {
        assertFieldWise(List.of(Holders.parentOf(NET), Holders.parentOf(new NamespaceId(NamespaceType.NET, NET.inode())),
                Holders.ownerOf(NET), Holders.parentOf(MNT)),
                r -> new RelatedTwin(r.relation(), r.namespace()));
    }

    @Test
    void kernelIsEqualAndHashesAsItsGeneratedTwin() {
        assertFieldWise(List.of(new Holders.Kernel(), new Holders.Kernel()), k -> new KernelTwin());
        assertThat(new Holders.Kernel()).isNotEqualTo(Holders.parentOf(NET));
    }
}
