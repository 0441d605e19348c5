package dev.listns.output;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.listns.model.Container;
import dev.listns.model.Holders;
import dev.listns.model.ProcessInfo;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The container object of a holder in JSON and JSONL: schema 1 plus the fields that name it. */
class ContainerJsonTest {
    private static final String ID = "f471e77695a2c0b3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode container(Container container) throws Exception {
        ProcessInfo p = new ProcessInfo(7, 1, "sleep", "sleep 600", 1, Optional.of(container));
        return JSON.readTree(Json.compact(JsonModel.holder(Holders.member(p)))).get("container");
    }

    @Test
    void anUnnamedContainerHasItsIdAndNullsWhereNamesWouldBe() throws Exception {
        JsonNode json = container(new Container("podman", ID));

        assertThat(json.get("engine").asText()).isEqualTo("podman");
        assertThat(json.get("id").asText()).isEqualTo(ID);
        assertThat(json.get("label").asText()).isEqualTo("podman:f471e77695a2");
        assertThat(json.get("name").isNull()).isTrue();
        assertThat(json.get("pod").isNull()).isTrue();
        assertThat(json.get("pod_namespace").isNull()).isTrue();
        assertThat(json.get("labels").isObject()).isTrue();
        assertThat(json.get("labels").size()).isZero();
    }

    @Test
    void aKubernetesContainerHasItsPodNamespaceAndLabelsEscaped() throws Exception {
        JsonNode json = container(new Container("cri-o", ID).named(Optional.of("web"), Optional.of("shop-web-5c8f7d9b6-h4j2m"),
                Optional.of("shop"), Map.of("app", "shop\u001b[2J", "io.kubernetes.pod.uid", "7a8b")));

        assertThat(json.get("name").asText()).isEqualTo("web");
        assertThat(json.get("pod").asText()).isEqualTo("shop-web-5c8f7d9b6-h4j2m");
        assertThat(json.get("pod_namespace").asText()).isEqualTo("shop");
        assertThat(json.get("label").asText()).isEqualTo("cri-o:shop/shop-web-5c8f7d9b6-h4j2m/web");
        assertThat(json.get("labels").get("app").asText()).isEqualTo("shop\\x1b[2J");
        assertThat(json.get("labels").get("io.kubernetes.pod.uid").asText()).isEqualTo("7a8b");
    }

    @Test
    void theTableShowsTheName() {
        ProcessInfo p = new ProcessInfo(7, 1, "sleep", "sleep 600", 1, Optional.of(
                new Container("podman", ID).named(Optional.of("web1"), Optional.empty(), Optional.empty(), Map.of())));

        assertThat(Holders.member(p).description()).isEqualTo("[podman:web1] sleep 600");
    }
}
