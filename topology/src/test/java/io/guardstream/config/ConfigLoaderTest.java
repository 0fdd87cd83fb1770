package io.guardstream.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {

  private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

  private static Map<String, String> env() {
    Map<String, String> env = new HashMap<>();
    env.put("GUARDSTREAM_DLQ_KEY", KEY);
    env.put("GUARDSTREAM_PSEUDONYM_KEY", KEY);
    return env;
  }

  private static Properties props(String... pairs) {
    Properties p = new Properties();
    p.setProperty("bootstrap.servers", "localhost:9092");
    for (int i = 0; i < pairs.length; i += 2) {
      p.setProperty(pairs[i], pairs[i + 1]);
    }
    return p;
  }

  @Test
  void shouldApplyDesignDefaultsWhenOnlyBootstrapServersIsGiven() {
    GuardstreamConfig config = ConfigLoader.load(props(), env());
    assertThat(config.processingGuarantee()).isEqualTo("exactly_once_v2");
    assertThat(config.topics()).isEqualTo(TopicNames.DEFAULTS);
    assertThat(config.rateLimit().defaultRequestsPerMinute()).isEqualTo(60);
  }

  @Test
  void shouldLetEnvironmentOverrideTheFile() {
    Map<String, String> env = env();
    env.put("GUARDSTREAM_TOPICS_REQUESTS", "team.requests");
    assertThat(ConfigLoader.load(props("topics.requests", "file.requests"), env).topics().requests())
        .isEqualTo("team.requests");
  }

  @Test
  void shouldNameTheKeyWhenAValueIsOutOfRange() {
    assertThatThrownBy(() -> ConfigLoader.load(props("num.stream.threads", "0"), env()))
        .isInstanceOf(ConfigException.class).hasMessage("num.stream.threads: must be between 1 and 64, was 0");
  }

  @Test
  void shouldRejectUnknownKeysSoThatTyposAreNotSilentDefaults() {
    assertThatThrownBy(() -> ConfigLoader.load(props("ratelimit.default.request.per.minute", "5"), env()))
        .hasMessageStartingWith("ratelimit.default.request.per.minute: unknown setting");
  }

  @Test
  void shouldRefuseSecretsGivenByValue() {
    assertThatThrownBy(() -> ConfigLoader.load(props("dlq.encryption.key", KEY), env()))
        .hasMessage("dlq.encryption.key: a secret must be a reference: env:NAME or file:/path");
  }

  @Test
  void shouldFailClearlyWhenTheSecretEnvironmentVariableIsMissing() {
    Map<String, String> env = env();
    env.remove("GUARDSTREAM_DLQ_KEY");
    assertThatThrownBy(() -> ConfigLoader.load(props(), env))
        .hasMessage("dlq.encryption.key: environment variable GUARDSTREAM_DLQ_KEY is not set");
  }

  @Test
  void shouldNeverShowASecretValueInItsString() {
    Secret secret = ConfigLoader.load(props(), env()).dlqKey();
    assertThat(secret.toString()).doesNotContain(KEY).contains("redacted");
  }

  @Test
  void shouldRejectBlockThresholdBelowFlagThreshold() {
    assertThatThrownBy(() -> ConfigLoader.load(props("inspect.injection.flag.threshold", "0.8",
        "inspect.injection.block.threshold", "0.6"), env()))
        .hasMessageStartingWith("inspect.injection.block.threshold");
  }
}
