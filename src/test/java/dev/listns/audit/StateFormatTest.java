package dev.listns.audit;

import static dev.listns.audit.Fixtures.OWN_MNT;
import static dev.listns.audit.Fixtures.bindMount;
import static dev.listns.audit.Fixtures.containerProcess;
import static dev.listns.audit.Fixtures.id;
import static dev.listns.audit.Fixtures.member;
import static dev.listns.audit.Fixtures.ns;
import static dev.listns.audit.Fixtures.process;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.listns.model.Holder;
import dev.listns.model.HolderKind;
import dev.listns.model.Holders;
import dev.listns.model.Namespace;
import dev.listns.model.NamespaceType;
import dev.listns.model.ProcessInfo;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StateFormatTest {
    /** Every holder kind, and text that would break a naive line format. */
    static AuditState everything() {
        ProcessInfo odd = new ProcessInfo(4242, 1, "we ird", "-x \\ tab\there\nnewline \u001b[2J caf\u00e9 \uD83D\uDE00 bad\uDCFF",
                123456789012L, Optional.empty());
        ProcessInfo boxed = containerProcess(5000, 77, "sleep 600", "podman",
                "d4ff6e99ed56aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
        ProcessInfo emptyCommand = new ProcessInfo(6, 2, "", "", 0, Optional.empty());
        Namespace user = new Namespace(id(NamespaceType.USER, 4026532500L), false,
                List.of(member(boxed), Holders.parentOf(id(NamespaceType.USER, 4026532501L)),
                        Holders.ownerOf(id(NamespaceType.NET, 4026532281L))),
                List.of(), Optional.of(id(NamespaceType.USER, 4026531837L)), Optional.empty(), OptionalInt.of(1000),
                OptionalInt.empty());
        Namespace net = new Namespace(id(NamespaceType.NET, 4026532281L), false,
                List.of(bindMount("/run/netns/foo bar", 812),
                        new Holders.BindMount("-dash", id(NamespaceType.MNT, 4026532999L), true, -1),
                        Holders.fd(7, odd), Holders.socket(9, odd)),
                List.of("foo bar", "-", "", "\\"), Optional.empty(), Optional.of(id(NamespaceType.USER, 4026532500L)),
                OptionalInt.empty(), OptionalInt.of(3), OptionalLong.of(4107));
        Namespace heldByKernel = new Namespace(id(NamespaceType.MNT, 4026532600L), false, List.of(new Holders.Kernel()),
                List.of(), Optional.empty(), Optional.empty(), OptionalInt.empty(), OptionalInt.empty(), OptionalLong.of(4200));
        Namespace uts = ns(id(NamespaceType.UTS, 4026532200L), Holders.thread(4243, odd),
                Holders.forChildren(emptyCommand), member(process(1, 2, "x")),
                Holders.threadFd(4244, 5, odd), Holders.threadForChildren(4245, boxed),
                Holders.threadSocket(4246, 6, odd));
        return new AuditState("boot id with spaces", List.of("results are partial: 3 entries", ""),
                List.of("socket holders"), List.of(user, net, uts, heldByKernel));
    }

    @Test
    void roundTripKeepsEverything() throws Exception {
        AuditState state = everything();
        byte[] bytes = StateWriter.encode(state);
        AuditState read = StateReader.decode(bytes, "state");
        assertThat(read.bootId()).isEqualTo(state.bootId());
        assertThat(read.warnings()).isEqualTo(state.warnings());
        assertThat(read.unavailable()).isEqualTo(state.unavailable());
        assertThat(read.namespaces()).hasSameSizeAs(state.namespaces());
        for (int i = 0; i < state.namespaces().size(); i++) {
            Namespace expected = state.namespaces().get(i);
            Namespace actual = read.namespaces().get(i);
            // Holders and names are stored sorted, so compare them as sets.
            assertThat(new HashSet<>(actual.holders())).isEqualTo(new HashSet<>(expected.holders()));
            assertThat(new HashSet<>(actual.names())).isEqualTo(new HashSet<>(expected.names()));
            assertThat(new Namespace(actual.id(), actual.initial(), expected.holders(), expected.names(), actual.parent(),
                    actual.owner(), actual.ownerUid(), actual.netnsId(), actual.nsId())).isEqualTo(expected);
        }
        assertThat(StateWriter.encode(read)).isEqualTo(bytes);
    }

    @Test
    void everyHolderKindCanBeRecorded() {
        var kinds = everything().namespaces().stream().flatMap(n -> n.holders().stream()).map(Holder::kind)
                .collect(Collectors.toSet());
        assertThat(kinds).containsExactlyInAnyOrder(HolderKind.values());
    }

    @Test
    void everyHolderRecordCanBeRecorded() {
        // A holder the state format does not know would stop every audit of a host that has one.
        var holders = everything().namespaces().stream().flatMap(n -> n.holders().stream()).toList();
        var tags = holders.stream().map(Holder::recordTag).collect(Collectors.toSet());
        var expectedTags = new HashSet<>(List.of("bind_mount", "child_namespace", "owned_namespace", "kernel"));
        for (Holders.Link link : Holders.Link.values()) {
            ProcessInfo p = new ProcessInfo(1, 0, "c", "c", 1, Optional.empty());
            int fd = link == Holders.Link.DESCRIPTOR || link == Holders.Link.SOCKET ? 3 : Holders.NO_FD;
            expectedTags.add(new Holders.Task(link, Holders.PROCESS_ITSELF, fd, p).recordTag());
            expectedTags.add(new Holders.Task(link, 2, fd, p).recordTag());
        }
        assertThat(expectedTags).hasSize(12);
        assertThat(tags).containsExactlyInAnyOrderElementsOf(expectedTags);
        assertThat(holders.stream().map(Object::getClass).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(Holder.class.getPermittedSubclasses());
    }

    @Test
    void theKernelsIdFollowsItsNsLineAndTheKernelHolderHasNoFields() {
        String text = new String(StateWriter.encode(everything()), StandardCharsets.US_ASCII);
        assertThat(text).contains("\nns net:[4026532281] - user:[4026532500] - 3\nns_id 4107\n",
                "\nns mnt:[4026532600] - - - -\nns_id 4200\nkernel\n");
    }

    @Test
    void aStateWrittenBeforeKernelIdsIsReadWithoutThem() throws Exception {
        // As a listns without ids, or one on a kernel before 6.18, wrote it.
        String old = "listns-audit-state 1\nboot b\nns uts:[4026532200] - - - -\nprocess 1 0 2 x x - -\nend 1\n";
        AuditState read = StateReader.decode(old.getBytes(StandardCharsets.US_ASCII), "s");
        assertThat(read.namespaces()).singleElement().satisfies(ns -> assertThat(ns.nsId()).isEmpty());
        assertThat(new String(StateWriter.encode(read), StandardCharsets.US_ASCII)).isEqualTo(old);
    }

    @Test
    void threadHoldersHaveRecordsOfTheirOwn() {
        String text = new String(StateWriter.encode(everything()), StandardCharsets.US_ASCII);
        assertThat(text).contains("\nthread_fd 4244 5 4242 1 123456789012 we\\sird ",
                "\nthread_for_children 4245 5000 1 77 sleep sleep\\s600 podman d4ff6e99ed56",
                "\nthread_socket 4246 6 4242 1 123456789012 we\\sird ");
    }

    @Test
    void theFileIsAsciiLinesWithAMagicFirstLineAndAnEndLine() {
        String text = new String(StateWriter.encode(everything()), StandardCharsets.ISO_8859_1);
        assertThat(text).startsWith("listns-audit-state 1\nboot boot\\sid\\swith\\sspaces\n").endsWith("end 4\n");
        assertThat(text.chars()).allMatch(c -> c == '\n' || c >= 0x20 && c < 0x7F);
        assertThat(text).contains("\nname \\-\n", "\nname \\e\n", "\nname \\\\\n", "\nwarning \\e\n");
        assertThat(text).contains("\nns net:[4026532281] - user:[4026532500] - 3\n");
        assertThat(text).contains("\nbind_mount 812 mnt:[4026531832] 0 /run/netns/foo\\sbar\n");
        assertThat(text).contains("\nprocess 5000 1 77 sleep sleep\\s600 podman d4ff6e99ed56");
        assertThat(OWN_MNT.toString()).isEqualTo("mnt:[4026531832]");
    }

    @Test
    void anEmptyStateIsValid() throws Exception {
        AuditState empty = new AuditState("b", List.of(), List.of(), List.of());
        assertThat(new String(StateWriter.encode(empty), StandardCharsets.US_ASCII))
                .isEqualTo("listns-audit-state 1\nboot b\nend 0\n");
        assertThat(StateReader.decode(StateWriter.encode(empty), "s")).isEqualTo(empty);
    }

    @Test
    void notOurs() {
        assertRefused("#!/bin/sh\necho hi\n", "state file s is not a listns audit state (it does not start with "
                + "'listns-audit-state'); not touching it");
        assertRefused("", "state file s is empty, not a listns audit state; not touching it (remove it to start afresh)");
        assertRefused("listns-audit-state\n", "state file s is not a listns audit state (it does not start with "
                + "'listns-audit-state'); not touching it");
        byte[] binary = {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2};
        assertThatThrownBy(() -> StateReader.decode(binary, "s")).hasMessageContaining("is not a listns audit state");
    }

    @Test
    void unknownVersion() {
        assertRefused("listns-audit-state 2\nsomething new\n",
                "state file s has format version 2, this listns reads only version 1; not touching it");
        assertRefused("listns-audit-state one\n", "state file s is corrupt at line 1: bad format version 'one'; "
                + "not touching it (remove it to start afresh)");
    }

    @Test
    void truncated() {
        String whole = new String(StateWriter.encode(everything()), StandardCharsets.US_ASCII);
        String withoutEnd = whole.substring(0, whole.lastIndexOf("end "));
        assertRefused(withoutEnd, "state file s is truncated (no 'end' line); not touching it (remove it to start afresh)");
        assertRefused(whole.substring(0, whole.length() / 2) + (whole.charAt(whole.length() / 2 - 1) == '\n' ? "x" : ""),
                "state file s is truncated (the last line is incomplete); not touching it (remove it to start afresh)");
        assertRefused(whole.substring(0, whole.length() - 1),
                "state file s is truncated (the last line is incomplete); not touching it (remove it to start afresh)");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "boot b\nns net:[1] - - - -\nprocess 1 2 3 c\nend 1\n|4: 'process' has too few fields (4)",
        "boot b\nns net:[1] - - - -\nprocess x 2 3 c c - -\nend 1\n|4: 'x' is not a number",
        "boot b\nns net:[1] - - - -\nprocess 1 2 3 c c podman -\nend 1\n|4: a container engine without an id, or the reverse",
        "boot b\nns net:[1] - - - -\nprocess 1 2 3 c c\\q - -\nend 1\n|4: unknown escape \\q",
        "boot b\nns net:[1] - - - -\nprocess 1 2 3 c c\\u12 - -\nend 1\n|4: incomplete \\u escape",
        "boot b\nns net:[1] - - - -\nprocess 1 2 3 c c\\uzzzz - -\nend 1\n|4: bad \\u escape",
        "boot b\nns net:[1] - - - -\nprocess 99999999999 2 3 c c - -\nend 1\n|4: '99999999999' is out of range",
        "boot b\nns nut:[1] - - - -\nend 1\n|3: 'nut:[1]' is not a namespace id",
        "boot b\nns net:[1] - - -\nend 1\n|3: 'ns' needs 5 fields, found 4",
        "boot b\nns net:[1] - - - -\nns net:[1] - - - -\nend 2\n|4: net:[1] is recorded twice",
        "boot b\nname foo\nend 0\n|3: a namespace detail before any 'ns' line",
        "boot b\nns net:[1] - - - -\nbind_mount 1 mnt:[2] 2 /x\nend 1\n|4: '2' is not 0 or 1",
        "boot b\nns net:[1] - - - -\nname -\nend 1\n|4: missing value",
        "boot b\nns net:[1] - - - -\nname a  b\nend 1\n|4: 'name' needs 1 fields, found 3",
        "boot b\nns net:[1] - - - -\nwarning w\nend 1\n|4: a warning after the namespaces",
        "boot b\nns net:[1] - - - -\nfrobnicate 1\nend 1\n|4: unknown record 'frobnicate'",
        "boot b\nns net:[1] - - - -\nthread_fd 1 2 3 4 c c - -\nend 1\n|4: 'thread_fd' has too few fields (8)",
        "boot b\nns net:[1] - - - -\nthread_for_children 1 2 3 4 c c - - -\nend 1\n|4: 'thread_for_children' has 1 field more than it needs",
        "boot b\nns net:[1] - - - -\n\nend 1\n|4: unknown record ''",
        "boot b\nns net:[1] - - - -\nend 2\n|4: the end line counts 2 namespaces, the file holds 1",
        "boot b\nns net:[1] - - - -\nns_id 7\nns_id 7\nend 1\n|5: 'ns_id' only directly after its 'ns' line",
        "boot b\nns net:[1] - - - -\nname n\nns_id 7\nend 1\n|5: 'ns_id' only directly after its 'ns' line",
        "boot b\nns net:[1] - - - -\nns_id 0\nend 1\n|4: '0' is not a namespace id",
        "boot b\nns net:[1] - - - -\nns_id x\nend 1\n|4: 'x' is not a number",
        "boot b\nns_id 7\nend 0\n|3: a namespace detail before any 'ns' line",
        "boot b\nns net:[1] - - - -\nkernel 1\nend 1\n|4: 'kernel' has 1 field more than it needs",
        "boot b\nend 0\nend 0\n|3: lines after the 'end' line",
        "ns net:[1] - - - -\nend 1\n|2: expected the boot line",
        "boot b\nboot c\nend 0\n|3: a second boot line",
        "boot b\nname caf\u00e9\nend 0\n|3: a character that is never written (195)",
        "boot b\nname a\tb\nend 0\n|3: a character that is never written (9)",
    })
    void corruptLinesAreRefusedWithTheirNumber(String caseText) {
        String[] parts = caseText.split("\\|");
        String[] expected = parts[1].split(": ", 2);
        assertThatThrownBy(() -> StateReader.decode(("listns-audit-state 1\n" + parts[0]).getBytes(StandardCharsets.UTF_8), "s"))
                .isInstanceOf(AuditException.class)
                .hasMessage("state file s is corrupt at line " + expected[0] + ": " + expected[1]
                        + "; not touching it (remove it to start afresh)");
    }

    @Test
    void fieldEscapingIsReversible() {
        for (String text : Arrays.asList("", "-", "--", "a-b", "\\", "\\s", " ", "\u0000", "\u007f", "\uDCFF", "\uFFFF", "plain")) {
            String field = StateFields.escape(text);
            assertThat(field).doesNotContain(" ").isNotEqualTo(StateFields.ABSENT).isNotEmpty();
            assertThat(StateFields.unescape(field)).isEqualTo(text);
        }
    }

    private static void assertRefused(String text, String message) {
        assertThatThrownBy(() -> StateReader.decode(text.getBytes(StandardCharsets.ISO_8859_1), "s"))
                .isInstanceOf(AuditException.class).hasMessage(message);
    }
}
