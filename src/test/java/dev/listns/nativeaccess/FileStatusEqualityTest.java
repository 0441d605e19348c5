package dev.listns.nativeaccess;

import static dev.listns.model.FieldWiseEquality.assertFieldWise;

import java.util.List;
import org.junit.jupiter.api.Test;

/** FileStatus's written-out equals and hashCode against those the compiler generates for the same components. */
class FileStatusEqualityTest {
    private record FileStatusTwin(long device, long inode, int mode, int uid) {
    }

    @Test
    void aStatusIsEqualAndHashesAsItsGeneratedTwin() {
        assertFieldWise(List.of(new FileStatus(4, 4026531840L, 0100444, 0), new FileStatus(4, 4026531840L, 0100444, 0),
                new FileStatus(5, 4026531840L, 0100444, 0), new FileStatus(4, 4026531841L, 0100444, 0),
                new FileStatus(4, 4026531840L, 0140777, 0), new FileStatus(4, 4026531840L, 0100444, 1000),
                new FileStatus(-1L, Long.MAX_VALUE, 0, FileStatus.UNKNOWN_UID)),
                s -> new FileStatusTwin(s.device(), s.inode(), s.mode(), s.uid()));
    }
}
