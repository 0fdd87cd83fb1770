package io.guardstream.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class WebhookSinkConfigTest {

  private static final String SECRET = "s".repeat(WebhookSinkConfig.MIN_SECRET_LENGTH);
  private static final String SLACK_URL = "https://hooks.slack.com/services/T0/B0/tokenpart";

  private static Map<String, String> settings(String key, String value) {
    Map<String, String> settings = new HashMap<>(Map.of(WebhookSinkConfig.URL, SLACK_URL, WebhookSinkConfig.SECRET, SECRET));
    settings.put(key, value);
    return settings;
  }

  @Test
  void shouldApplyTheDocumentedDefaultsWhenOnlyUrlAndSecretAreGiven() {
    WebhookSinkConfig config = new WebhookSinkConfig(settings("topics", "llm.alerts"));
    assertThat(config.format()).isEqualTo(WebhookFormat.GENERIC);
    assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.batchBudget()).isEqualTo(Duration.ofSeconds(60));
    assertThat(config.retries()).isEqualTo(new Backoff(5, Duration.ofMillis(500), Duration.ofSeconds(30)));
  }

  @Test
  void shouldMaskTheUrlAndSecretWhenTheConfigIsPrinted() {
    WebhookSinkConfig config = new WebhookSinkConfig(settings(WebhookSinkConfig.FORMAT, "slack"));
    assertThat(WebhookSinkConfig.CONFIG_DEF.configKeys().get(WebhookSinkConfig.URL).type).isEqualTo(ConfigDef.Type.PASSWORD);
    assertThat(WebhookSinkConfig.CONFIG_DEF.configKeys().get(WebhookSinkConfig.SECRET).type).isEqualTo(ConfigDef.Type.PASSWORD);
    assertThat(config.toString() + config.values()).doesNotContain(SECRET).doesNotContain("tokenpart");
    assertThat(WebhookSinkConfig.redacted(config.url())).isEqualTo("https://hooks.slack.com/…");
  }

  @Test
  void shouldRefuseNamingTheKeyButNotTheValueWhenTheUrlIsNotHttp() {
    assertThatThrownBy(() -> new WebhookSinkConfig(settings(WebhookSinkConfig.URL, "ftp://host/tokenpart")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(WebhookSinkConfig.URL)
        .hasMessageNotContaining("tokenpart");
  }

  @Test
  void shouldRefuseWhenTheSecretIsShortOrMissing() {
    assertThatThrownBy(() -> new WebhookSinkConfig(settings(WebhookSinkConfig.SECRET, "short")))
        .hasMessageContaining("at least 32 characters").hasMessageNotContaining("short\"");
    Map<String, String> noSecret = settings("topics", "llm.alerts");
    noSecret.remove(WebhookSinkConfig.SECRET);
    assertThatThrownBy(() -> new WebhookSinkConfig(noSecret)).hasMessageContaining(WebhookSinkConfig.SECRET);
  }

  @Test
  void shouldRefuseWhenTheFormatIsUnknownOrTheBackoffBoundsAreInverted() {
    assertThatThrownBy(() -> new WebhookSinkConfig(settings(WebhookSinkConfig.FORMAT, "teams"))).hasMessageContaining(WebhookSinkConfig.FORMAT);
    Map<String, String> inverted = settings(WebhookSinkConfig.BACKOFF_MS, "5000");
    inverted.put(WebhookSinkConfig.BACKOFF_MAX_MS, "100");
    assertThatThrownBy(() -> new WebhookSinkConfig(inverted)).hasMessageContaining(WebhookSinkConfig.BACKOFF_MAX_MS);
  }
}
