package io.guardstream.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.guardstream.serde.Json;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookFormatTest {

  @Test
  void shouldSendTheTopicBytesUnchangedWhenGeneric() throws Exception {
    byte[] json = Alerts.bytes("auth-failure-burst:key_01HZX3K5Q7:1717200000000");
    AlertPayload payload = AlertPayload.of(json);
    assertThat(WebhookFormat.GENERIC.body(payload.alert(), payload.json())).isSameAs(json);
  }

  @Test
  void shouldCarrySeverityRuleSummaryAndSubjectInOneTextFieldWhenSlack() throws Exception {
    AlertPayload payload = AlertPayload.of(Alerts.bytes("a-1"));
    JsonNode body = Json.MAPPER.readTree(WebhookFormat.SLACK.body(payload.alert(), payload.json()));

    assertThat(body.size()).isEqualTo(1);
    assertThat(body.get("text").asText()).isEqualTo(
        "*[HIGH]* `auth-failure-burst` 240 failed authentications in 1 minute (threshold 50)"
            + "\nsubject key:key_01HZX3K5Q7 · count 240 / threshold 50 · alert a-1");
  }

  @Test
  void shouldEscapeSlackMentionsAndLinksWhenTheSummaryCarriesThem() throws Exception {
    String summary = "principal <!channel> & <https://evil.example|click>";
    AlertPayload payload = AlertPayload.of(Alerts.json("a-2", "critical", summary).getBytes(StandardCharsets.UTF_8));
    String text = Json.MAPPER.readTree(WebhookFormat.SLACK.body(payload.alert(), payload.json())).get("text").asText();

    assertThat(text).startsWith("*[CRITICAL]*")
        .contains("principal &lt;!channel&gt; &amp; &lt;https://evil.example|click&gt;")
        .doesNotContain("<!channel>");
  }

  @Test
  void shouldReadTheConfiguredNameWhateverItsCase() {
    assertThat(WebhookFormat.fromConfig(" Slack ")).isEqualTo(WebhookFormat.SLACK);
    assertThat(Map.of("generic", WebhookFormat.GENERIC.configValue())).containsEntry("generic", "generic");
  }
}
