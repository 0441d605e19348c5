package dev.listns.nativeaccess.ffm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.listns.nativeaccess.KernelNamespaceSyscalls;
import dev.listns.nativeaccess.NamespaceSyscalls;
import dev.listns.nativeaccess.NativeAccess;
import dev.listns.nativeaccess.NativeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The kernel's namespace calls on the real kernel, as root: NS_GET_ID (6.18), the mount namespace list
 * (6.12), open_by_handle_at with an nsfs handle (6.18), and listns(2) (6.19, or ENOSYS before).
 * Only listns's own namespaces are used; every descriptor is closed afterwards.
 */
class FfmKernelNamespaceSyscallsIT {
    private static final String[] TYPES = {"cgroup", "ipc", "mnt", "net", "pid", "time", "user", "uts"};
    private static final int CLONE_NEWNS = 0x00020000;

    private KernelNamespaceSyscalls kernel;
    private NamespaceSyscalls ns;
    private final List<Integer> fds = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        assumeThat(NativeAccess.supported()).as("java.lang.foreign needs Java 22+").isTrue();
        assumeThat(Files.getAttribute(Path.of("/proc/self"), "unix:uid")).as("needs root").isEqualTo(0);
        kernel = NativeAccess.loadKernel().orElseThrow();
        ns = NativeAccess.load().orElseThrow();
    }

    @AfterEach
    void tearDown() {
        if (ns != null) {
            fds.forEach(ns::close);
        }
    }

    private int own(String type) throws Exception {
        long device = ((Number) Files.getAttribute(Path.of("/proc/self/ns/" + type), "unix:dev")).longValue();
        long inode = ((Number) Files.getAttribute(Path.of("/proc/self/ns/" + type), "unix:ino")).longValue();
        int fd = ns.openVerified("/proc/self/ns/" + type, device, inode);
        fds.add(fd);
        return fd;
    }

    private long idOrSkip(int fd) throws Exception {
        try {
            return kernel.namespaceId(fd);
        } catch (NativeException e) {
            assumeThat(e.errno()).as("NS_GET_ID is Linux 6.18").isNotIn(NativeException.ENOTTY, NativeException.EINVAL);
            throw e;
        }
    }

    @Test
    void everyTypeHasADistinctIdThatStaysTheSame() throws Exception {
        Set<Long> ids = new HashSet<>();
        for (String type : TYPES) {
            int fd = own(type);
            long id = idOrSkip(fd);
            assertThat(id).as(type).isPositive();
            assertThat(kernel.namespaceId(own(type))).as("asked again through another descriptor").isEqualTo(id);
            ids.add(id);
        }
        assertThat(ids).as("one id per namespace").hasSize(TYPES.length);
    }

    @Test
    void theMountNamespaceListLeadsFromListnssOwnToOthersAndEnds() throws Exception {
        int start = own("mnt");
        Set<Long> seen = new HashSet<>();
        seen.add(ns.inode(start));
        for (boolean previous : new boolean[] {false, true}) {
            int current = start;
            while (true) {
                int next;
                try {
                    next = kernel.nextMountNamespace(current, previous);
                } catch (NativeException e) {
                    assumeThat(e.errno()).as("NS_MNT_GET_NEXT is Linux 6.12")
                            .isNotIn(NativeException.ENOTTY, NativeException.EINVAL);
                    assertThat(e.errno()).as("the end of the list").isEqualTo(NativeException.ENOENT);
                    break;
                }
                fds.add(next);
                assertThat(ns.namespaceType(next)).isEqualTo(CLONE_NEWNS);
                assertThat(seen.add(ns.inode(next))).as("each namespace once").isTrue();
                current = next;
            }
        }
        assertThat(seen).as("every mount namespace a process is in, at least").containsAll(mountNamespacesOfProcesses());
    }

    @Test
    void aNamespaceOpensByItsIdThroughAnNsfsFileHandle() throws Exception {
        int fd = own("net");
        long id = idOrSkip(fd);
        int opened = kernel.openById(id, 0x40000000, ns.inode(fd)); // Linux 6.18 needs type and inode too
        fds.add(opened);
        assertThat(ns.inode(opened)).isEqualTo(ns.inode(fd));
        assertThat(ns.status(opened).device()).isEqualTo(ns.status(fd).device());
        assertThatThrownBy(() -> fds.add(kernel.openById(Long.MAX_VALUE - 1, 0x40000000, ns.inode(fd))))
                .as("an id no namespace has").isInstanceOf(NativeException.class)
                .satisfies(e -> assertThat(((NativeException) e).errno()).isIn(NativeException.ESTALE, NativeException.ENOENT));
    }

    @Test
    void listnsListsListnssOwnNamespacesOrIsMissing() throws Exception {
        long ownNet = idOrSkip(own("net"));
        long[] page = new long[4096];
        int n;
        try {
            n = kernel.listNamespaces(0, page);
        } catch (NativeException e) {
            assertThat(e.errno()).as("a kernel before 6.19").isEqualTo(NativeException.ENOSYS);
            return;
        }
        Set<Long> listed = new HashSet<>();
        for (int i = 0; i < n; i++) {
            listed.add(page[i]);
        }
        assertThat(listed).contains(ownNet);
    }

    private static Set<Long> mountNamespacesOfProcesses() {
        Set<Long> inodes = new HashSet<>();
        ProcessHandle.allProcesses().forEach(p -> {
            try {
                inodes.add(((Number) Files.getAttribute(Path.of("/proc/" + p.pid() + "/ns/mnt"), "unix:ino")).longValue());
            } catch (Exception e) {
                // gone, or a kernel thread
            }
        });
        return inodes;
    }
}
