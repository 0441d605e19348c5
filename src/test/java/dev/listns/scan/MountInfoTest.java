package dev.listns.scan;

import dev.listns.model.UndecodableByte;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link MountInfo} on lines recorded from /proc/self/mountinfo of a real host (Linux 6.18), after
 * binding namespace files at paths with a space, a tab, a backslash, a newline, non-ASCII text and a
 * byte that is not UTF-8, and after making one shared mount and one shared slave of it.
 */
class MountInfoTest {
    /** {@code touch "$D/sp ace<TAB>tab\back-é"; unshare --net="$D/sp ace<TAB>tab\back-é" true}: é is raw UTF-8. */
    private static final String NSFS_ESCAPED =
            "145 140 0:4 net:[4026532380] /tmp/listns-rec-WTkf/sp\\040ace\\011tab\\134back-\u00e9 rw - nsfs nsfs rw";
    private static final String PRIVATE_DIR = "140 27 254:0 /tmp/listns-rec-WTkf /tmp/listns-rec-WTkf rw,relatime - ext4 "
            + "/dev/vda rw,discard,resv_strict,resuid=65534,resgid=65534";
    private static final String SHARED = "144 140 0:136 / /tmp/listns-rec-WTkf/a rw,relatime shared:2 - tmpfs rec-src rw";
    private static final String SHARED_SLAVE =
            "148 140 0:136 / /tmp/listns-rec-WTkf/b rw,relatime shared:3 master:2 - tmpfs rec-src rw";
    private static final String RUN_NETNS = "47 27 254:0 /run/netns /run/netns rw,relatime shared:1 - ext4 /dev/vda "
            + "rw,discard,resv_strict,resuid=65534,resgid=65534";
    private static final String PROC = "22 27 0:21 / /proc rw,relatime - proc proc rw";
    /** {@code mount --bind /proc/self/ns/ipc "$D/new<NL>line"}. */
    private static final String NSFS_NEWLINE = "1045 1043 0:4 ipc:[4026531839] /tmp/listns-rec-W8XP/new\\012line rw - nsfs nsfs rw";

    @Test
    void decodesOctalEscapesAndUtf8InAnNsfsMountPoint() {
        List<MountInfo.Mount> mounts = MountInfo.parse(bytes(NSFS_ESCAPED, "\n"));

        assertThat(mounts).containsExactly(new MountInfo.Mount(145, "net:[4026532380]",
                "/tmp/listns-rec-WTkf/sp ace\ttab\\back-\u00e9", "nsfs"));
        assertThat(mounts.get(0).isNamespace()).isTrue();
    }

    @Test
    void decodesAnEscapedNewline() {
        assertThat(MountInfo.parse(bytes(NSFS_NEWLINE, "\n")))
                .containsExactly(new MountInfo.Mount(1045, "ipc:[4026531839]", "/tmp/listns-rec-W8XP/new\nline", "nsfs"));
    }

    @Test
    void keepsAByteThatIsNotUtf8AsAnEscapedByte() {
        // 1044 1043 0:4 uts:[4026534177] /tmp/listns-rec-W8XP/bad<0xFF>byte rw - nsfs nsfs rw (the kernel does not escape it)
        byte[] line = bytes("1044 1043 0:4 uts:[4026534177] /tmp/listns-rec-W8XP/bad", new byte[] {(byte) 0xFF},
                "byte rw - nsfs nsfs rw\n");

        List<MountInfo.Mount> mounts = MountInfo.parse(line);

        assertThat(mounts).hasSize(1);
        String point = mounts.get(0).mountPoint();
        assertThat(point).isEqualTo("/tmp/listns-rec-W8XP/bad" + UndecodableByte.of(0xFF) + "byte");
        assertThat(UndecodableByte.is(point.charAt("/tmp/listns-rec-W8XP/bad".length()))).isTrue();
        assertThat(mounts.get(0).root()).isEqualTo("uts:[4026534177]");
        assertThat(mounts.get(0).id()).isEqualTo(1044);
    }

    @Test
    void findsTheFilesystemTypeAfterOptionalFields() {
        List<MountInfo.Mount> mounts = MountInfo.parse(bytes(SHARED, "\n", SHARED_SLAVE, "\n", RUN_NETNS, "\n"));

        assertThat(mounts).containsExactly(
                new MountInfo.Mount(144, "/", "/tmp/listns-rec-WTkf/a", "tmpfs"),
                new MountInfo.Mount(148, "/", "/tmp/listns-rec-WTkf/b", "tmpfs"),
                new MountInfo.Mount(47, "/run/netns", "/run/netns", "ext4"));
        assertThat(mounts).noneMatch(MountInfo.Mount::isNamespace);
    }

    @Test
    void parsesLinesWithoutOptionalFields() {
        assertThat(MountInfo.parse(bytes(PRIVATE_DIR, "\n", PROC, "\n"))).containsExactly(
                new MountInfo.Mount(140, "/tmp/listns-rec-WTkf", "/tmp/listns-rec-WTkf", "ext4"),
                new MountInfo.Mount(22, "/", "/proc", "proc"));
    }

    @Test
    void skipsGarbageAndKeepsEveryRealLine() {
        byte[] text = bytes(
                "\n",
                "garbage\n",
                "1 2 3\n",
                "145 140 0:4 net:[4026532380] /x rw nsfs nsfs rw\n", // no separator
                "145 140 0:4 net:[4026532380] /x rw -\n", // separator but no type
                "- - - - - - -\n", // separator too early: field 6 is the first that may be one
                "x45 140 0:4 net:[4026532380] /y rw - nsfs nsfs rw\n", // mount id is not a number
                PROC, "\n",
                "\n\n",
                NSFS_ESCAPED, "\n",
                SHARED_SLAVE); // the last line has no newline

        List<MountInfo.Mount> mounts = MountInfo.parse(text);

        assertThat(mounts).extracting(MountInfo.Mount::mountPoint).containsExactly(
                "/proc", "/tmp/listns-rec-WTkf/sp ace\ttab\\back-\u00e9", "/tmp/listns-rec-WTkf/b");
    }

    @Test
    void leavesABackslashThatStartsNoOctalEscapeAsItIs() {
        assertThat(MountInfo.unescape("/a\\x/b\\01")).isEqualTo("/a\\x/b\\01");
        assertThat(MountInfo.unescape("/a\\1341")).isEqualTo("/a\\1");
    }

    @Test
    void readsAWholeRecordedTable() {
        byte[] table = bytes(PROC, "\n", RUN_NETNS, "\n", PRIVATE_DIR, "\n", NSFS_ESCAPED, "\n", SHARED, "\n",
                SHARED_SLAVE, "\n", NSFS_NEWLINE, "\n");

        List<MountInfo.Mount> mounts = MountInfo.parse(table);

        assertThat(mounts).hasSize(7);
        assertThat(mounts).filteredOn(MountInfo.Mount::isNamespace).extracting(MountInfo.Mount::root)
                .containsExactly("net:[4026532380]", "ipc:[4026531839]");
    }

    /** Strings as UTF-8 (the recorded é is the two bytes C3 A9), byte arrays as they are. */
    private static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            byte[] b = part instanceof byte[] raw ? raw : ((String) part).getBytes(StandardCharsets.UTF_8);
            out.writeBytes(b);
        }
        return out.toByteArray();
    }
}
