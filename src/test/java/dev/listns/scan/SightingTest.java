package dev.listns.scan;

import static dev.listns.model.FieldWiseEquality.assertFieldWise;

import dev.listns.model.Container;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SightingTest {
    private record SightingTwin(Container container, int ownerUid, Optional<String> containerdNamespace) {
    }

    private static ContainerNamer.Sighting sighting(String id, int ownerUid, Optional<String> namespace) {
        return new ContainerNamer.Sighting(new Container("containerd", new String(id.toCharArray())), ownerUid, namespace);
    }

    @Test
    void aSightingIsEqualAndHashesAsItsGeneratedTwin() {
        Optional<String> k8s = Optional.of("k8s.io");
        assertFieldWise(List.of(sighting("abc", 0, k8s), sighting("abc", 0, Optional.of("k8s.io")),
                sighting("abd", 0, k8s), sighting("abc", 1000, k8s), sighting("abc", 0, Optional.empty()),
                sighting("abc", -1, Optional.of("moby"))),
                s -> new SightingTwin(s.container(), s.ownerUid(), s.containerdNamespace()));
    }
}
