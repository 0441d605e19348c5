package dev.listns.output;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.listns.model.Holders;
import dev.listns.model.Namespace;
import dev.listns.model.NamespaceId;
import dev.listns.model.NamespaceType;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The kernel's namespace id in JSON (and so JSONL), and the holder of a namespace only the kernel explains. */
class JsonModelNsIdTest {
    private static final ObjectMapper JACKSON = new ObjectMapper();

    private static JsonNode json(OptionalLong nsId) throws Exception {
        Namespace ns = new Namespace(new NamespaceId(NamespaceType.NET, 4026532281L), false, List.of(new Holders.Kernel()),
                List.of(), Optional.empty(), Optional.empty(), OptionalInt.empty(), OptionalInt.empty(), nsId);
        return JACKSON.readTree(Json.compact(JsonModel.namespace(ns)));
    }

    @Test
    void theIdIsANumberWhereKnownAndNullWhereNot() throws Exception {
        assertThat(json(OptionalLong.of(4107)).get("ns_id").asLong()).isEqualTo(4107);
        assertThat(json(OptionalLong.empty()).get("ns_id").isNull()).isTrue();
    }

    @Test
    void aNamespaceOnlyTheKernelExplainsSaysSoPlainly() throws Exception {
        JsonNode holder = json(OptionalLong.of(4107)).get("holders").get(0);
        assertThat(holder.get("kind").asText()).isEqualTo("kernel");
        assertThat(holder.get("description").asText()).isEqualTo("held by the kernel; listns could not tell what holds it");
    }
}
