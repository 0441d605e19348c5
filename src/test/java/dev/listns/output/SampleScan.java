package dev.listns.output;

import dev.listns.model.Baseline;
import dev.listns.model.Container;
import dev.listns.model.Holder;
import dev.listns.model.Holders;
import dev.listns.model.Namespace;
import dev.listns.model.NamespaceId;
import dev.listns.model.NamespaceType;
import dev.listns.model.ProcessInfo;
import dev.listns.model.ScanResult;
import dev.listns.model.Unavailable;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A hand-built scan with one of every holder kind, so formatter tests can state the expected numbers
 * outright. What it holds, non-initial only:
 * <pre>
 *   net:[4026532300]  docker container: processes 200 and 201
 *   mnt:[4026532301]  docker container: process 200
 *   net:[4026532400]  "blue": bind mount /run/netns/blue only                      (no process, engine none)
 *   user:[4026532500] podman: process 300, for_children of 300, owner of net 501
 *   net:[4026532501]  fd 5 of host process 400, socket fd 7 of podman's 300        (no process, engine podman)
 *   pid:[4026532600]  thread 601 of host process 600, parent of pid 602
 *   pid:[4026532602]  nothing but being listed                                     (no process, engine none)
 * </pre>
 * plus the eight initial namespaces, each with systemd (PID 1) as its one member. UIDs: systemd and ip 0,
 * nginx 33, catatonit 1000, java 1001.
 */
public final class SampleScan {
    public static final Instant STARTED = Instant.parse("2024-05-06T07:08:09.123Z");
    public static final String BOOT_ID = "5b8d3c1e-6f0a-4e47-9d2b-0c1f2e3d4a5b";
    public static final String DOCKER_ID = "d4ff6e99ed56" + "0".repeat(52);
    public static final String PODMAN_ID = "0a1b2c3d4e5f" + "1".repeat(52);

    private SampleScan() {
    }

    static NamespaceId id(NamespaceType type, long inode) {
        return new NamespaceId(type, inode);
    }

    public static ScanResult result() {
        return result(new Container("docker", DOCKER_ID));
    }

    /** The same scan with the docker container's engine named otherwise, to carry awkward label values. */
    public static ScanResult result(Container docker) {
        ProcessInfo systemd = process(1, 0, "systemd", "/sbin/init", Optional.empty(), 0);
        ProcessInfo web = process(200, 190, "nginx", "nginx: master process", Optional.of(docker), 33);
        ProcessInfo worker = process(201, 200, "nginx", "nginx: worker process", Optional.of(docker), 33);
        ProcessInfo pod = process(300, 290, "catatonit", "/catatonit -P", Optional.of(new Container("podman", PODMAN_ID)), 1000);
        ProcessInfo host = process(400, 1, "ip", "ip netns exec x sleep 1", Optional.empty(), 0);
        ProcessInfo threaded = process(600, 1, "java", "java -jar app.jar", Optional.empty(), 1001);

        Map<NamespaceType, NamespaceId> initial = new EnumMap<>(NamespaceType.class);
        List<Namespace> namespaces = new ArrayList<>();
        long inode = 4026531834L;
        for (NamespaceType type : NamespaceType.values()) {
            NamespaceId id = id(type, inode++);
            initial.put(type, id);
            namespaces.add(ns(id, true, List.of(Holders.member(systemd))));
        }
        namespaces.add(ns(id(NamespaceType.MNT, 4026532301L), false, List.of(Holders.member(web))));
        namespaces.add(ns(id(NamespaceType.NET, 4026532300L), false,
                List.of(Holders.member(web), Holders.member(worker))));
        namespaces.add(new Namespace(id(NamespaceType.NET, 4026532400L), false,
                List.of(new Holders.BindMount("/run/netns/blue", initial.get(NamespaceType.MNT), false, 812)),
                List.of("blue"), Optional.empty(), Optional.of(initial.get(NamespaceType.USER)), OptionalInt.empty(),
                OptionalInt.of(0)));
        namespaces.add(ns(id(NamespaceType.NET, 4026532501L), false,
                List.of(Holders.fd(5, host), Holders.socket(7, pod))));
        namespaces.add(ns(id(NamespaceType.PID, 4026532600L), false,
                List.of(Holders.thread(601, threaded), Holders.parentOf(id(NamespaceType.PID, 4026532602L)))));
        namespaces.add(ns(id(NamespaceType.PID, 4026532602L), false, List.of(new Holders.Kernel())));
        namespaces.add(ns(id(NamespaceType.USER, 4026532500L), false, List.of(Holders.member(pod),
                Holders.forChildren(pod), Holders.ownerOf(id(NamespaceType.NET, 4026532501L)))));
        namespaces.sort((a, b) -> a.id().compareTo(b.id()));

        return new ScanResult(namespaces, new Baseline("pid 1 (systemd)", initial), false, List.of(), Unavailable.NONE,
                List.of(), STARTED, Duration.ofMillis(1234).plusNanos(5678), BOOT_ID);
    }

    private static ProcessInfo process(int pid, int ppid, String comm, String command, Optional<Container> container,
            int uid) {
        return new ProcessInfo(pid, ppid, comm, command, 1000L + pid, container, uid);
    }

    private static Namespace ns(NamespaceId id, boolean initial, List<Holder> holders) {
        return new Namespace(id, initial, holders, List.of(), Optional.empty(), Optional.empty(),
                OptionalInt.empty(), OptionalInt.empty());
    }
}
