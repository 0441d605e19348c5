package dev.listns.audit;

import static dev.listns.audit.Fixtures.bindMount;
import static dev.listns.audit.Fixtures.containerProcess;
import static dev.listns.audit.Fixtures.id;
import static dev.listns.audit.Fixtures.member;
import static dev.listns.audit.Fixtures.ns;
import static dev.listns.audit.Fixtures.process;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.listns.model.Holders;
import dev.listns.model.Namespace;
import dev.listns.model.NamespaceId;
import dev.listns.model.NamespaceType;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import org.junit.jupiter.api.Test;

class ChangeFormatterTest {
    private static final NamespaceId NET = id(NamespaceType.NET, 4026532281L);

    private static String line(Namespace ns) {
        return ChangeFormatter.text(new Change(Change.Kind.APPEARED, ns));
    }

    @Test
    void aMemberProcessIsNamedBeforeAnyReference() {
        Namespace ns = ns(NET, Holders.fd(3, process(10, 1, "keeper")), bindMount("/run/netns/foo", 812),
                member(process(200, 900, "ip netns exec foo sleep 600")));
        assertThat(line(ns)).isEqualTo("+ net:[4026532281] process ip netns exec foo sleep 600");
    }

    @Test
    void theOldestProcessIsNamedAndItsContainerShown() {
        Namespace ns = ns(NET, member(process(300, 2000, "sh")),
                member(containerProcess(250, 1000, "/pause", "k8s", "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")));
        assertThat(line(ns)).isEqualTo("+ net:[4026532281] process [k8s:0123456789ab] /pause");
    }

    @Test
    void aBindMountHereIsNamedBeforeOneInAnotherMountNamespace() {
        Namespace ns = ns(NET, new Holders.BindMount("/a", id(NamespaceType.MNT, 4026532999L), true, 5),
                bindMount("/run/netns/foo", 812));
        assertThat(line(ns)).isEqualTo("+ net:[4026532281] bind mount /run/netns/foo");
    }

    @Test
    void referencesAndFdsAreNamedWithoutNumbers() {
        assertThat(line(ns(NET, Holders.socket(7, process(10, 1, "dhclient"))))).isEqualTo("+ net:[4026532281] socket of dhclient");
        assertThat(ChangeFormatter.text(new Change(Change.Kind.DISAPPEARED,
                ns(id(NamespaceType.USER, 4026532500L), Holders.parentOf(id(NamespaceType.USER, 4026532501L))))))
                .isEqualTo("- user:[4026532500] parent of a user namespace");
        assertThat(line(ns(NET))).isEqualTo("+ net:[4026532281] (no holder found)");
    }

    @Test
    void jsonIsCompactOneLinePerChange() throws Exception {
        StringWriter out = new StringWriter();
        new ChangeFormatter(true).write(List.of(new Change(Change.Kind.APPEARED, ns(NET, member(process(1, 2, "a\nb"))))),
                new PrintWriter(out));
        assertThat(out.toString().lines()).hasSize(1);
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("change").asText()).isEqualTo("appeared");
        assertThat(json.get("namespace").get("holders").get(0).get("command").asText()).isEqualTo("a\\x0ab");
    }
}
