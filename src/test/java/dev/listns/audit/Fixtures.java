package dev.listns.audit;

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
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** Hand-built model objects for audit tests. */
public final class Fixtures {
    public static final String BOOT = "b1190775-3e45-4aaf-bae5-5d9dbceafe5c";
    public static final NamespaceId INITIAL_NET = new NamespaceId(NamespaceType.NET, 4026531833L);
    public static final NamespaceId OWN_MNT = new NamespaceId(NamespaceType.MNT, 4026531832L);

    private Fixtures() {
    }

    public static NamespaceId id(NamespaceType type, long inode) {
        return new NamespaceId(type, inode);
    }

    public static ProcessInfo process(int pid, long startTime, String command) {
        return new ProcessInfo(pid, 1, command.split(" ")[0], command, startTime, Optional.empty());
    }

    public static ProcessInfo containerProcess(int pid, long startTime, String command, String engine, String containerId) {
        return new ProcessInfo(pid, 1, command.split(" ")[0], command, startTime,
                Optional.of(new Container(engine, containerId)));
    }

    public static Holder member(ProcessInfo p) {
        return Holders.member(p);
    }

    public static Holder bindMount(String path, int mountId) {
        return new Holders.BindMount(path, OWN_MNT, false, mountId);
    }

    public static Namespace ns(NamespaceId id, Holder... holders) {
        return new Namespace(id, false, Arrays.asList(holders), List.of(), Optional.empty(), Optional.empty(),
                OptionalInt.empty(), OptionalInt.empty());
    }

    public static Namespace named(NamespaceId id, String name, Holder... holders) {
        return new Namespace(id, false, Arrays.asList(holders), List.of(name), Optional.empty(), Optional.empty(),
                OptionalInt.empty(), OptionalInt.empty());
    }

    public static Namespace initialNet() {
        return new Namespace(INITIAL_NET, true, List.of(member(process(1, 5, "/sbin/init"))), List.of(),
                Optional.empty(), Optional.empty(), OptionalInt.empty(), OptionalInt.empty());
    }

    public static ScanResult scan(Namespace... namespaces) {
        return scan(BOOT, List.of(), namespaces);
    }

    public static ScanResult scan(String bootId, List<String> warnings, Namespace... namespaces) {
        return new ScanResult(List.of(namespaces), new Baseline("pid 1 (init)", Map.of(NamespaceType.NET, INITIAL_NET)),
                !warnings.isEmpty(), warnings, Unavailable.NONE, List.of(), Instant.EPOCH, Duration.ZERO, bootId);
    }

    public static AuditState state(Namespace... namespaces) {
        return AuditState.of(scan(namespaces));
    }

    public static AuditState state(String bootId, Namespace... namespaces) {
        return AuditState.of(scan(bootId, List.of(), namespaces));
    }
}
