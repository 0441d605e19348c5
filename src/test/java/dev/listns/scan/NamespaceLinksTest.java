package dev.listns.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.listns.model.NamespaceId;
import dev.listns.model.NamespaceType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NamespaceLinksTest {
    private static final List<String> NAMES = List.of("ipc", "net", "pid", "pid_for_children", "uts");

    /** A process directory that has only namespace links. */
    private static final class Links implements ProcessDirectory {
        private final Map<String, String> targets = new HashMap<>();

        Links() {
            link("ipc", "ipc:[4026531839]").link("net", "net:[4026531833]").link("pid", "pid:[4026531836]")
                    .link("pid_for_children", "pid:[4026531836]").link("uts", "uts:[4026531838]");
        }

        Links link(String name, String target) {
            targets.put("ns/" + name, target);
            return this;
        }

        Links unreadable(String name) {
            targets.remove("ns/" + name);
            return this;
        }

        @Override
        public ProcFs.LinkTarget readLink(String link) {
            return new ProcFs.LinkTarget(targets.get(link), false);
        }

        @Override
        public Optional<byte[]> read(String file) {
            return Optional.empty();
        }

        @Override
        public int[] numericEntries(String dir) {
            return new int[0];
        }

        @Override
        public ProcFs.Stat statOrDenied(String file) {
            return new ProcFs.Stat(null, false);
        }

        @Override
        public Object sameFileKey(String file) {
            return null;
        }

        @Override
        public ProcessDirectory another() {
            return this;
        }

        @Override
        public void close() {
        }
    }

    @Test
    void readsOwnAndForChildrenLinksApart() {
        NamespaceLinks links = NamespaceLinks.read(new Links().link("pid_for_children", "pid:[4026532500]"), "", NAMES);

        assertThat(links.own()).containsEntry(NamespaceType.PID, new NamespaceId(NamespaceType.PID, 4026531836L))
                .containsEntry(NamespaceType.UTS, new NamespaceId(NamespaceType.UTS, 4026531838L)).hasSize(4);
        assertThat(links.forChildren()).containsExactly(Map.entry(NamespaceType.PID, new NamespaceId(NamespaceType.PID, 4026532500L)));
    }

    @Test
    void linksThatReadAsTheUsualOnesAreTheUsualObject() {
        NamespaceLinks usual = NamespaceLinks.read(new Links(), "", NAMES);

        assertThat(NamespaceLinks.read(new Links(), "", NAMES, usual)).isSameAs(usual);
    }

    @Test
    void oneLinkThatDiffersMakesANewObject() {
        NamespaceLinks usual = NamespaceLinks.read(new Links(), "", NAMES);

        NamespaceLinks otherUts = NamespaceLinks.read(new Links().link("uts", "uts:[4026532600]"), "", NAMES, usual);
        NamespaceLinks otherForChildren = NamespaceLinks.read(new Links().link("pid_for_children", "pid:[4026532601]"),
                "", NAMES, usual);

        assertThat(otherUts).isNotSameAs(usual);
        assertThat(otherUts.own(NamespaceType.UTS)).hasValue(new NamespaceId(NamespaceType.UTS, 4026532600L));
        assertThat(otherForChildren).isNotSameAs(usual);
        assertThat(otherForChildren.own()).isEqualTo(usual.own());
        assertThat(otherForChildren.forChildren()).containsValue(new NamespaceId(NamespaceType.PID, 4026532601L));
    }

    @Test
    void anUnreadableLinkIsNotTheUsualOneEither() {
        NamespaceLinks usual = NamespaceLinks.read(new Links(), "", NAMES);

        NamespaceLinks partial = NamespaceLinks.read(new Links().unreadable("net"), "", NAMES, usual);

        assertThat(partial).isNotSameAs(usual);
        assertThat(partial.own(NamespaceType.NET)).isEmpty();
    }

    @Test
    void linksReadUnderOtherNamesAreNeverTakenForTheUsualOnes() {
        NamespaceLinks usual = NamespaceLinks.read(new Links(), "", NAMES);
        List<String> sameNamesAnotherList = List.copyOf(new ArrayList<>(NAMES));

        assertThat(NamespaceLinks.read(new Links(), "", sameNamesAnotherList, usual)).isNotSameAs(usual)
                .satisfies(links -> assertThat(links.own()).isEqualTo(usual.own()));
        assertThat(NamespaceLinks.read(new Links(), "", NAMES, null).own()).isEqualTo(usual.own());
    }
}
