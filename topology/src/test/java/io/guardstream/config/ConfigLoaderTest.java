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
    return new HashMap<>(TestSecrets.environment());
  }

  static Properties props(String... pairs) {
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
    // least privilege: no models for a credential that names none
    assertThat(config.auth().defaultModels()).isEmpty();
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

  @Test
  void shouldReadSeveralIssuersEachWithItsOwnSettings() {
    Map<String, String> env = env();
    env.put("PARTNER_HS_SECRET", "a-partner-shared-secret-of-at-least-32-bytes");
    GuardstreamConfig config = ConfigLoader.load(props(
        "auth.issuers", "internal,partner",
        "auth.issuer.internal.issuer", "https://idp.internal",
        "auth.issuer.internal.audience", "guardstream",
        "auth.issuer.internal.jwks.url", "https://idp.internal/.well-known/jwks.json",
        "auth.issuer.internal.typ", "at+jwt",
        "auth.issuer.partner.issuer", "https://partner.example",
        "auth.issuer.partner.audience", "guardstream-partner",
        "auth.issuer.partner.hs256.secret", "env:PARTNER_HS_SECRET",
        "auth.roles", "batch-runner",
        "auth.role.batch-runner.models", "gpt-4o-mini",
        "auth.role.batch-runner.max.tokens", "2048"), env);
    assertThat(config.auth().issuers()).extracting(IssuerSettings::issuer)
        .containsExactly("https://idp.internal", "https://partner.example");
    IssuerSettings internal = config.auth().issuers().get(0);
    assertThat(internal.requiredType()).isEqualTo("at+jwt");
    assertThat(internal.algorithms()).containsExactlyInAnyOrder("RS256", "PS256", "ES256", "EdDSA");
    assertThat(config.auth().issuers().get(1).algorithms()).containsExactly("HS256");
    assertThat(config.auth().roles().get("batch-runner").maxTokens()).isEqualTo(2048);
  }

  @Test
  void shouldRefuseAnHs256SecretShorterThan256Bits() {
    Map<String, String> env = env();
    env.put("SHORT", "too-short");
    assertThatThrownBy(() -> ConfigLoader.load(props("auth.jwt.issuer", "https://i", "auth.jwt.audience", "a",
        "auth.jwt.hs256.secret", "env:SHORT"), env))
        .hasMessageContaining("auth.jwt.hs256.secret").hasMessageContaining("256 bits");
  }

  @Test
  void shouldRefuseAJwksUrlThatIsNotHttps() {
    assertThatThrownBy(() -> ConfigLoader.load(props("auth.jwt.issuer", "https://i", "auth.jwt.audience", "a",
        "auth.jwt.jwks.url", "http://idp/jwks.json"), env()))
        .hasMessageContaining("auth.jwt.jwks.url").hasMessageContaining("https");
  }

  @Test
  void shouldRefuseSettingsOfAnIssuerThatIsNotDeclared() {
    assertThatThrownBy(() -> ConfigLoader.load(props("auth.issuer.ghost.issuer", "https://g"), env()))
        .hasMessageContaining("auth.issuer.ghost.issuer").hasMessageContaining("unknown setting");
  }

  @Test
  void shouldRequireTheApiKeyPepper() {
    Map<String, String> env = env();
    env.remove("GUARDSTREAM_KEY_PEPPER");
    assertThatThrownBy(() -> ConfigLoader.load(props(), env))
        .hasMessageContaining("auth.api.key.pepper").hasMessageContaining("GUARDSTREAM_KEY_PEPPER");
  }
}
