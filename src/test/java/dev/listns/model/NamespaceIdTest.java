package dev.listns.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NamespaceIdTest {

    @ParameterizedTest
    @CsvSource({
        "cgroup:[4026531835], CGROUP, 4026531835",
        "ipc:[4026531839],    IPC,    4026531839",
        "mnt:[4026531832],    MNT,    4026531832",
        "net:[4026531833],    NET,    4026531833",
        "pid:[4026531836],    PID,    4026531836",
        "time:[4026531834],   TIME,   4026531834",
        "user:[4026531837],   USER,   4026531837",
        "uts:[4026531838],    UTS,    4026531838",
        "net:[0],             NET,    0",
        "net:[9223372036854775807], NET, 9223372036854775807"})
    void parsesWhatTheKernelWrites(String text, NamespaceType type, long inode) {
        assertThat(NamespaceId.parse(text)).hasValue(new NamespaceId(type, inode));
    }

    @Test
    void toStringIsTheLinkTextAgain() {
        NamespaceId id = new NamespaceId(NamespaceType.UTS, 4026532281L);

        assertThat(id).hasToString("uts:[4026532281]");
        assertThat(NamespaceId.parse(id.toString())).hasValue(id);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "net", "net:", "net:[", "net:[]", "net:[abc]", "net:[12", "net[12]", "net:(12)", ":[12]",
        "foo:[12]", "NET:[12]", "pid_for_children:[12]", "net:[12] ", " net:[12]", "net:[1 2]",
        "net:[99999999999999999999]", "socket:[12345]", "pipe:[12345]", "/proc/1/ns/net", "anon_inode:[eventfd]"})
    void rejectsAnythingElse(String text) {
        assertThat(NamespaceId.parse(text)).isEmpty();
    }

    @Test
    void equalByTypeAndInode() {
        NamespaceId net = new NamespaceId(NamespaceType.NET, 4026532000L);

        assertThat(net).isEqualTo(new NamespaceId(NamespaceType.NET, 4026532000L))
                .hasSameHashCodeAs(new NamespaceId(NamespaceType.NET, 4026532000L))
                .isNotEqualTo(new NamespaceId(NamespaceType.NET, 4026532001L))
                .isNotEqualTo(new NamespaceId(NamespaceType.UTS, 4026532000L))
                .isNotEqualTo("net:[4026532000]")
                .isNotEqualTo(null);
        assertThat(net.compareTo(new NamespaceId(NamespaceType.NET, 4026532000L))).isZero();
    }

    @Test
    void ordersByTypeThenInode() {
        NamespaceId netLow = new NamespaceId(NamespaceType.NET, 5);
        NamespaceId netHigh = new NamespaceId(NamespaceType.NET, 4026532000L);
        NamespaceId cgroupHigh = new NamespaceId(NamespaceType.CGROUP, 4026539999L);
        NamespaceId uts = new NamespaceId(NamespaceType.UTS, 1);
        List<NamespaceId> ids = new ArrayList<>(List.of(uts, netHigh, cgroupHigh, netLow));

        Collections.sort(ids);

        assertThat(ids).containsExactly(cgroupHigh, netLow, netHigh, uts);
    }
}
