package dev.listns.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ContainerLabelTest {
    private static final String HASH = "d4ff6e99ed56" + "a1b2c3d4e5f6".repeat(4) + "0123";

    @Test
    void aHashIdIsShortenedAndAnyOtherIdKeptWhole() {
        assertThat(HASH).hasSize(64);
        assertThat(new Container("podman", HASH).label()).isEqualTo("podman:d4ff6e99ed56");
        String notHex = "g" + HASH.substring(1);
        assertThat(new Container("podman", notHex).label()).isEqualTo("podman:" + notHex);
        assertThat(new Container("lxc", "web").label()).isEqualTo("lxc:web");
    }

    @Test
    void aNameIsShownRatherThanTheId() {
        Container named = new Container("docker", HASH).named(Optional.of("web1"), Optional.empty(), Optional.empty(), Map.of());
        assertThat(named.label()).isEqualTo("docker:web1");
    }

    @Test
    void aPodIsShownWithItsNamespaceAndTheContainerNameWhereKnown() {
        Container container = new Container("containerd", HASH);
        assertThat(container.named(Optional.of("app"), Optional.of("pod1"), Optional.of("shop"), Map.of()).displayName())
                .isEqualTo("shop/pod1/app");
        assertThat(container.named(Optional.empty(), Optional.of("pod1"), Optional.of("shop"), Map.of()).displayName())
                .isEqualTo("shop/pod1");
        assertThat(container.named(Optional.of("app"), Optional.of("pod1"), Optional.empty(), Map.of()).displayName())
                .isEqualTo("pod1/app");
        assertThat(container.named(Optional.empty(), Optional.of("pod1"), Optional.empty(), Map.of()).displayName())
                .isEqualTo("pod1");
    }
}
