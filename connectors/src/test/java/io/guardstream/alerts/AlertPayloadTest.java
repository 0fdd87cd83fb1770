package io.guardstream.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.guardstream.serde.Json;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertPayloadTest {

  @Test
  void shouldParseTheAlertWhenTheValueIsBytesStringOrSchemalessMap() throws Exception {
    String json = Alerts.json("a-1", "low", "few");
    @SuppressWarnings("unchecked")
    Map<String, Object> map = Json.fromString(json, Map.class);

    assertThat(AlertPayload.of(json.getBytes(StandardCharsets.UTF_8)).alert().alertId()).isEqualTo("a-1");
    assertThat(AlertPayload.of(json).json()).isEqualTo(json.getBytes(StandardCharsets.UTF_8));
    assertThat(AlertPayload.of(map).alert().severity()).isEqualTo("low");
  }

  @Test
  void shouldRefuseWithoutQuotingTheValueWhenItBreaksTheAlertSchema() {
    String secretish = "Bearer abc.def.ghi";
    String json = Alerts.json("a-1", "urgent", secretish);

    assertThatThrownBy(() -> AlertPayload.of(json))
        .isInstanceOf(AlertPayload.InvalidAlert.class)
        .hasMessageContaining("severity")
        .hasMessageNotContaining("urgent")
        .hasMessageNotContaining(secretish);
  }

  @Test
  void shouldRefuseWhenTheValueIsATombstoneNotJsonOrAStruct() {
    assertThatThrownBy(() -> AlertPayload.of(null)).hasMessageContaining("tombstone");
    assertThatThrownBy(() -> AlertPayload.of("{not json")).hasMessage("value is not JSON");
    assertThatThrownBy(() -> AlertPayload.of(42)).hasMessageContaining("unsupported value type Integer");
  }
}
