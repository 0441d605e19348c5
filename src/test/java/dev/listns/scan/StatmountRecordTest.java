package dev.listns.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** struct statmount as the kernel answered it (recorded buffers, see the resources' README), and broken variants. */
class StatmountRecordTest {

    private static byte[] recorded(String name) throws IOException {
        try (InputStream in = StatmountRecordTest.class.getResourceAsStream("/statmount/" + name)) {
            return HexFormat.of().parseHex(new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim());
        }
    }

    @Test
    void decodesAnNsfsBindMount() throws IOException {
        assertThat(StatmountRecord.decode(recorded("nsfs-run-netns.hex")))
                .hasValue(new MountInfo.Mount(45, "net:[4026532173]", "/run/netns/rec-blue", "nsfs"));
    }

    @Test
    void decodesAnyOtherMountToo() throws IOException {
        assertThat(StatmountRecord.decode(recorded("proc.hex"))).hasValueSatisfying(mount -> {
            assertThat(mount.fsType()).isEqualTo("proc");
            assertThat(mount.mountPoint()).isEqualTo("/proc");
            assertThat(mount.isNamespace()).isFalse();
        });
    }

    @Test
    void refusesARecordCutShort() throws IOException {
        byte[] whole = recorded("nsfs-run-netns.hex");

        assertThat(StatmountRecord.decode(Arrays.copyOf(whole, whole.length - 1))).as("size beyond the buffer").isEmpty();
        assertThat(StatmountRecord.decode(Arrays.copyOf(whole, 100))).as("not even the fixed part").isEmpty();
    }

    @Test
    void refusesAStringThatRunsPastTheEnd() throws IOException {
        byte[] record = recorded("nsfs-run-netns.hex");
        record[record.length - 1] = 'x'; // the last string's NUL

        assertThat(StatmountRecord.decode(record)).isEmpty();
    }

    @Test
    void refusesAnOffsetBeyondTheRecord() throws IOException {
        byte[] record = recorded("nsfs-run-netns.hex");
        ByteBuffer.wrap(record).order(ByteOrder.nativeOrder()).putInt(StatmountRecord.MNT_POINT, Integer.MAX_VALUE);

        assertThat(StatmountRecord.decode(record)).isEmpty();
        ByteBuffer.wrap(record).order(ByteOrder.nativeOrder()).putInt(StatmountRecord.MNT_POINT, -1);
        assertThat(StatmountRecord.decode(record)).isEmpty();
    }

    @Test
    void refusesARecordWithoutTheFieldsAskedFor() throws IOException {
        byte[] record = recorded("nsfs-run-netns.hex");
        ByteBuffer.wrap(record).order(ByteOrder.nativeOrder()).putLong(StatmountRecord.MASK, StatmountRecord.STATMOUNT_MNT_BASIC);

        assertThat(StatmountRecord.decode(record)).as("the kernel did not fill the strings").isEmpty();
    }

    @Test
    void keepsBytesThatAreNotUtf8AsEscapableCharacters() throws IOException {
        byte[] record = recorded("nsfs-run-netns.hex");
        String text = new String(record, StandardCharsets.ISO_8859_1);
        int at = text.indexOf("rec-blue");
        record[at] = (byte) 0xff;

        assertThat(StatmountRecord.decode(record)).hasValueSatisfying(mount ->
                assertThat(mount.mountPoint()).isEqualTo("/run/netns/\udcffec-blue"));
    }
}
