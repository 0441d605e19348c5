package dev.listns.audit;

import static dev.listns.audit.Fixtures.bindMount;
import static dev.listns.audit.Fixtures.containerProcess;
import static dev.listns.audit.Fixtures.id;
import static dev.listns.audit.Fixtures.member;
import static dev.listns.audit.Fixtures.named;
import static dev.listns.audit.Fixtures.ns;
import static dev.listns.audit.Fixtures.process;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.listns.model.Holders;
import dev.listns.model.Namespace;
import dev.listns.model.NamespaceType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IgnoreRulesTest {
    private static final Namespace PODMAN_UTS = ns(id(NamespaceType.UTS, 4026532200L),
            member(containerProcess(4242, 900, "sleep 600", "podman",
                    "d4ff6e99ed56aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")));
    private static final Namespace NAMED_NET = named(id(NamespaceType.NET, 4026532281L), "foo",
            bindMount("/run/netns/foo", 812));
    private static final Namespace FD_HELD = ns(id(NamespaceType.NET, 4026532300L),
            Holders.fd(7, process(77, 123, "/usr/sbin/keeper --hold")));

    private static IgnoreRules rules(String text) throws AuditException {
        return IgnoreRulesParser.parse(text, "ignore.rules");
    }

    @Test
    void noRulesIgnoreNothing() throws Exception {
        assertThat(IgnoreRules.none().ignores(PODMAN_UTS)).isFalse();
        assertThat(rules("\n# only a comment\n   \n").rules()).isEmpty();
    }

    @Test
    void eachKeyMatchesWhatItNames() throws Exception {
        assertThat(rules("type=uts").ignores(PODMAN_UTS)).isTrue();
        assertThat(rules("type=uts").ignores(NAMED_NET)).isFalse();
        assertThat(rules("command=sleep*").ignores(PODMAN_UTS)).isTrue();
        assertThat(rules("command=*keeper*").ignores(FD_HELD)).isTrue();
        assertThat(rules("container=podman:*").ignores(PODMAN_UTS)).isTrue();
        assertThat(rules("container=podman:d4ff6e99ed56").ignores(PODMAN_UTS)).isTrue();
        assertThat(rules("container=podman:d4ff6e99ed56aaaa*").ignores(PODMAN_UTS)).as("full id").isTrue();
        assertThat(rules("container=docker:*").ignores(PODMAN_UTS)).isFalse();
        assertThat(rules("container=*").ignores(NAMED_NET)).as("no container at all").isFalse();
        assertThat(rules("name=f?o").ignores(NAMED_NET)).isTrue();
        assertThat(rules("name=*").ignores(PODMAN_UTS)).as("no name at all").isFalse();
    }

    @Test
    void holderMatchesTheDescriptionOrTheIdentityAsAuditPrintsIt() throws Exception {
        assertThat(rules("holder=\"bind mount /run/netns/*\"").ignores(NAMED_NET)).isTrue();
        assertThat(rules("holder=\"fd 7 of 77 *\"").ignores(FD_HELD)).as("description").isTrue();
        assertThat(rules("holder=\"fd of /usr/sbin/keeper*\"").ignores(FD_HELD)).as("identity").isTrue();
        assertThat(rules("holder=\"process [podman:*] sleep 600\"").ignores(PODMAN_UTS)).isTrue();
    }

    @Test
    void criteriaOnOneLineMustAllMatchAndAnyLineIgnores() throws Exception {
        assertThat(rules("type=net name=foo").ignores(NAMED_NET)).isTrue();
        assertThat(rules("type=net name=bar").ignores(NAMED_NET)).isFalse();
        assertThat(rules("type=uts name=foo").ignores(NAMED_NET)).isFalse();
        IgnoreRules twoLines = rules("type=uts name=foo\ntype=net name=foo\n");
        assertThat(twoLines.ignores(NAMED_NET)).isTrue();
        assertThat(twoLines.rules()).extracting(IgnoreRule::line).containsExactly(1, 2);
    }

    @Test
    void commentsBlanksTabsAndQuotes() throws Exception {
        IgnoreRules parsed = rules("""
                # keep the lab quiet
                \ttype=net   name=lab-*   # trailing comment

                holder="bind mount /run/a \\"quoted\\" \\\\ dir/*"
                """);
        assertThat(parsed.rules()).hasSize(2);
        assertThat(parsed.rules().get(0).line()).isEqualTo(2);
        assertThat(parsed.rules().get(0).criteria()).extracting(Object::toString).containsExactly("type=net", "name=lab-*");
        assertThat(parsed.rules().get(1).criteria().get(0).pattern().pattern())
                .isEqualTo("bind mount /run/a \"quoted\" \\ dir/*");
        assertThat(rules("type=net\r\nname=x\r\n").rules()).hasSize(2);
    }

    @Test
    void processTextIsMatchedAsItIsPrintedEscaped() throws Exception {
        Namespace sneaky = ns(id(NamespaceType.IPC, 4026532400L), member(process(5, 1, "evil\u001b[2Jcmd")));
        assertThat(rules("command=evil\\x1b*").ignores(sneaky)).isTrue();
    }

    @Test
    void mistakesNameTheFileAndLine() {
        assertError("type=net\nbogus=1\n", "ignore.rules:2: unknown key 'bogus' (valid: type, command, container, container_name, pod, name, holder)");
        assertError("# ok\n\ntype=net sleep\n", "ignore.rules:3: expected key=pattern, found 'sleep'");
        assertError("type=nett\n", "ignore.rules:1: unknown namespace type 'nett' (valid: cgroup, ipc, mnt, net, pid, time, user, uts)");
        assertError("name=\n", "ignore.rules:1: empty pattern for 'name'");
        assertError("name=\"\"\n", "ignore.rules:1: empty pattern for 'name'");
        assertError("holder=\"bind mount\n", "ignore.rules:1: missing closing quote");
        assertError("holder=\"a\"b\n", "ignore.rules:1: expected a blank after the closing quote");
        assertError("holder=\"a\\b\"\n", "ignore.rules:1: inside quotes, a backslash must be followed by \" or \\");
        assertError("holder=a\"b\"\n", "ignore.rules:1: a quote may only open a pattern: write key=\"...\"");
        assertError("=net\n", "ignore.rules:1: unknown key '' (valid: type, command, container, container_name, pod, name, holder)");
        assertError("Type=net\n", "ignore.rules:1: unknown key 'Type' (valid: type, command, container, container_name, pod, name, holder)");
        assertError("x\u001b[2J=1\n", "ignore.rules:1: unknown key 'x\\x1b[2J' (valid: type, command, container, container_name, pod, name, holder)");
    }

    @Test
    void typeAcceptsAGlob() throws Exception {
        assertThat(rules("type=u*").ignores(PODMAN_UTS)).isTrue();
    }

    @Test
    void readsAFileAndRefusesWhatIsNotOne(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("audit.ignore");
        Files.writeString(file, "type=uts\n");
        assertThat(IgnoreRulesParser.read(file).ignores(PODMAN_UTS)).isTrue();

        Files.writeString(file, "type=uts\ncontainer=podman\n(\n");
        assertThatThrownBy(() -> IgnoreRulesParser.read(file)).hasMessage(file + ":3: expected key=pattern, found '('");
        assertThatThrownBy(() -> IgnoreRulesParser.read(dir.resolve("missing")))
                .hasMessage("cannot read ignore file " + dir.resolve("missing") + ": no such file or directory");
        assertThatThrownBy(() -> IgnoreRulesParser.read(dir)).hasMessage("cannot read ignore file " + dir + ": is a directory");
        Files.write(file, "name=\u00e9".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> IgnoreRulesParser.read(file)).hasMessage(file + ": not UTF-8 text");
    }

    private static void assertError(String text, String message) {
        assertThatThrownBy(() -> rules(text)).isInstanceOf(AuditException.class).hasMessage(message);
    }
}
