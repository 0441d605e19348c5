package dev.listns.audit;

import static dev.listns.audit.Fixtures.id;
import static dev.listns.audit.Fixtures.member;
import static dev.listns.audit.Fixtures.ns;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.listns.model.Container;
import dev.listns.model.Holders;
import dev.listns.model.Namespace;
import dev.listns.model.NamespaceType;
import dev.listns.model.ProcessInfo;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Container names in the audit: its lines, its state file (old files included) and its ignore rules. */
class ContainerNamesInAuditTest {
    private static final String PODMAN_ID = "d4ff6e99ed56aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    private static final String CRI_ID = "9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1f0e9d8c";
    private static final Container WEB1 = new Container("podman", PODMAN_ID)
            .named(Optional.of("web 1\u001b"), Optional.empty(), Optional.empty(), Map.of("app", "demo"));
    private static final Container METRICS = new Container("containerd", CRI_ID).named(Optional.of("metrics-server"),
            Optional.of("metrics-server-6d94bc8694-q7r4t"), Optional.of("kube-system"), Map.of());

    private static Namespace holding(NamespaceType type, long inode, int pid, Container container) {
        return ns(id(type, inode), member(new ProcessInfo(pid, 1, "sleep", "sleep 600", 900, Optional.of(container))));
    }

    private static AuditState state(Namespace... namespaces) {
        return new AuditState("b", List.of(), List.of(), List.of(namespaces));
    }

    @Test
    void theStateKeepsNamesPodsAndNamespacesButNotLabels() throws Exception {
        AuditState state = state(holding(NamespaceType.UTS, 4026532200L, 4242, WEB1),
                holding(NamespaceType.NET, 4026532300L, 4242, WEB1), holding(NamespaceType.UTS, 4026532400L, 51, METRICS));

        byte[] bytes = StateWriter.encode(state);
        String text = new String(bytes, StandardCharsets.US_ASCII);
        AuditState read = StateReader.decode(bytes, "s");

        assertThat(text).contains("\ncontainer containerd " + CRI_ID
                + " metrics-server metrics-server-6d94bc8694-q7r4t kube-system\ncontainer podman " + PODMAN_ID
                + " web\\s1\\u001b - -\nns ");
        assertThat(text.split("\ncontainer podman ", -1)).as("one line per container").hasSize(2);
        assertThat(read.namespaces()).flatExtracting(Namespace::holders)
                .extracting(h -> h.process().flatMap(ProcessInfo::container).orElseThrow())
                .containsExactlyInAnyOrder(WEB1.named(WEB1.name(), WEB1.pod(), WEB1.podNamespace(), Map.of()),
                        WEB1.named(WEB1.name(), WEB1.pod(), WEB1.podNamespace(), Map.of()), METRICS);
        assertThat(StateWriter.encode(read)).isEqualTo(bytes);
    }

    @Test
    void aStateWrittenBeforeNamesReadsWithIdsAloneAndDisappearedLinesShowThem() throws Exception {
        String old = "listns-audit-state 1\nboot b\nns uts:[4026532200] - - - -\nprocess 4242 1 900 sleep sleep\\s600 podman "
                + PODMAN_ID + "\nend 1\n";

        AuditState read = StateReader.decode(old.getBytes(StandardCharsets.US_ASCII), "s");

        Namespace ns = read.namespaces().get(0);
        assertThat(ChangeFormatter.text(new Change(Change.Kind.DISAPPEARED, ns)))
                .isEqualTo("- uts:[4026532200] process [podman:d4ff6e99ed56] sleep 600");
        assertThat(new String(StateWriter.encode(read), StandardCharsets.US_ASCII)).isEqualTo(old);
    }

    @Test
    void auditLinesShowTheNameEscaped() {
        assertThat(ChangeFormatter.text(new Change(Change.Kind.APPEARED, holding(NamespaceType.UTS, 4026532200L, 4242, WEB1))))
                .isEqualTo("+ uts:[4026532200] process [podman:web 1\\x1b] sleep 600");
        assertThat(ChangeFormatter.text(new Change(Change.Kind.APPEARED, holding(NamespaceType.UTS, 4026532400L, 51, METRICS))))
                .isEqualTo("+ uts:[4026532400] process [containerd:kube-system/metrics-server-6d94bc8694-q7r4t/metrics-server]"
                        + " sleep 600");
    }

    @Test
    void containerLinesComeBeforeTheNamespacesOnceEach() {
        String line = "container podman " + PODMAN_ID + " web1 - -\n";
        assertRefused("boot b\nns net:[1] - - - -\n" + line + "end 1\n", "4: a container after the namespaces");
        assertRefused("boot b\n" + line + line + "end 0\n", "4: container " + PODMAN_ID + " is recorded twice");
        assertRefused("boot b\ncontainer podman " + PODMAN_ID + " web1 -\nend 0\n", "3: 'container' needs 5 fields, found 4");
    }

    private static void assertRefused(String body, String expected) {
        String[] where = expected.split(": ", 2);
        assertThatThrownBy(() -> StateReader.decode(("listns-audit-state 1\n" + body).getBytes(StandardCharsets.US_ASCII), "s"))
                .isInstanceOf(AuditException.class)
                .hasMessage("state file s is corrupt at line " + where[0] + ": " + where[1]
                        + "; not touching it (remove it to start afresh)");
    }

    @Test
    void ignoreRulesMatchNamesPodsAndStillShortIds() throws Exception {
        Namespace web = holding(NamespaceType.UTS, 4026532200L, 4242,
                new Container("podman", PODMAN_ID).named(Optional.of("web1"), Optional.empty(), Optional.empty(), Map.of()));
        Namespace metrics = holding(NamespaceType.UTS, 4026532400L, 51, METRICS);
        Namespace unnamed = holding(NamespaceType.UTS, 4026532500L, 52, new Container("podman", PODMAN_ID));

        assertThat(rules("container=podman:web1").ignores(web)).isTrue();
        assertThat(rules("container=podman:d4ff6e99ed56").ignores(web)).as("a rule written before names").isTrue();
        assertThat(rules("container=podman:" + PODMAN_ID).ignores(web)).isTrue();
        assertThat(rules("container_name=web?").ignores(web)).isTrue();
        assertThat(rules("container_name=web?").ignores(unnamed)).isFalse();
        assertThat(rules("container_name=metrics-*").ignores(metrics)).isTrue();
        assertThat(rules("container=containerd:kube-system/*").ignores(metrics)).isTrue();
        assertThat(rules("pod=kube-system/*").ignores(metrics)).isTrue();
        assertThat(rules("pod=metrics-server-*").ignores(metrics)).isTrue();
        assertThat(rules("pod=*").ignores(web)).as("not in a pod").isFalse();
        assertThat(rules("container=podman:*").ignores(Fixtures.ns(id(NamespaceType.NET, 1L),
                Holders.fd(3, new ProcessInfo(9, 1, "x", "x", 1, Optional.empty()))))).isFalse();
    }

    private static IgnoreRules rules(String text) throws AuditException {
        return IgnoreRulesParser.parse(text, "ignore.rules");
    }
}
