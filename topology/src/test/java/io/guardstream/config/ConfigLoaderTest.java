package io.guardstream.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.guardstream.inspect.masking.MaskOperator;
import io.guardstream.inspect.masking.MaskingPolicy;
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
  void shouldCompressTheStreamProducersWithLz4UnlessToldOtherwise() {
    assertThat(ConfigLoader.load(props(), env()).producer())
        .isEqualTo(new GuardstreamConfig.Producer("lz4", 131_072));
    assertThat(ConfigLoader.load(props("producer.compression.type", "zstd"), env()).producer().compressionType())
        .isEqualTo("zstd");
    assertThatThrownBy(() -> ConfigLoader.load(props("producer.compression.type", "brotli"), env()))
        .isInstanceOf(ConfigException.class)
        .hasMessage("producer.compression.type: must be one of none, gzip, snappy, lz4, zstd, was 'brotli'");
    assertThatThrownBy(() -> ConfigLoader.load(props("producer.batch.size", "2000000"), env()))
        .hasMessage("producer.batch.size: must be between 1024 and 1048576, was 2000000");
  }

  @Test
  void shouldRejectUnknownKeysSoThatTyposAreNotSilentDefaults() {
    assertThatThrownBy(() -> ConfigLoader.load(props("ratelimit.default.request.per.minute", "5"), env()))
        .hasMessageStartingWith("ratelimit.default.request.per.minute: unknown setting");
  }

  @Test
  void shouldReadPricesTenantQuotasAndDefaultsAsExactAmounts() {
    var limits = ConfigLoader.load(props(
        "pricing.gpt-3.5-turbo.input.usd.per.million", "0.50",
        "pricing.gpt-3.5-turbo.output.usd.per.million", "1.5",
        "ratelimit.default.tokens.per.minute", "90000",
        "tenant.acme.ratelimit.requests.per.minute", "600",
        "tenant.acme.ratelimit.usd.per.month", "250.00"), env()).rateLimit();
    var price = limits.prices().of("gpt-3.5-turbo").orElseThrow();
    assertThat(price.cost(1_000_000, 0)).as("nano-dollars").isEqualTo(500_000_000L);
    assertThat(price.cost(0, 2)).isEqualTo(3_000L);
    assertThat(limits.prices().of("gpt-4o")).isEmpty();
    assertThat(limits.requestsPerMinute(null, "acme")).isEqualTo(600);
    assertThat(limits.requestsPerMinute(null, "other")).isEqualTo(60);
    var acme = limits.quota(null, "acme");
    assertThat(acme.tokensPerMinute()).as("the default fills what the tenant leaves").isEqualTo(90_000L);
    assertThat(acme.usdPerMonth()).isEqualByComparingTo("250");
  }

  @Test
  void shouldRefuseAHalfPricedModelAndANegativeBudget() {
    assertThatThrownBy(() -> ConfigLoader.load(props("pricing.gpt-4o.input.usd.per.million", "2.5"), env()))
        .hasMessage("pricing.gpt-4o.output.usd.per.million: is required when the other price of gpt-4o is set");
    assertThatThrownBy(() -> ConfigLoader.load(props("tenant.acme.ratelimit.usd.per.day", "-1"), env()))
        .hasMessageStartingWith("tenant.acme.ratelimit.usd.per.day: must be a non-negative amount");
    assertThatThrownBy(() -> ConfigLoader.load(props("tenant.acme.ratelimit.tokens.per.hour", "1"), env()))
        .hasMessageStartingWith("tenant.acme.ratelimit.tokens.per.hour: unknown setting");
    assertThatThrownBy(() -> ConfigLoader.load(props("tenant.acme.ratelimit.total.usd.per.day", "10"), env()))
        .hasMessageContaining("tenant totals need ratelimit.partition.by=tenant");
  }

  @Test
  void shouldReadTheModelsEachTenantOwnsAndRefuseAModelClaimedByTwo() {
    var config = ConfigLoader.load(props("auth.tenants", "acme,globex", "auth.tenant.acme.models", "ft-acme-1,ft-acme-2",
        "auth.tenant.globex.models", "ft-globex"), env());
    assertThat(config.auth().modelTenants())
        .isEqualTo(Map.of("ft-acme-1", "acme", "ft-acme-2", "acme", "ft-globex", "globex"));
    assertThatThrownBy(() -> ConfigLoader.load(props("auth.tenants", "acme,globex", "auth.tenant.acme.models", "shared",
        "auth.tenant.globex.models", "shared"), env()))
        .hasMessage("auth.tenant.globex.models: model shared is already owned by tenant acme");
    assertThatThrownBy(() -> ConfigLoader.load(props("auth.tenant.acme.models", "ft-acme-1"), env()))
        .as("a tenant not declared in auth.tenants").hasMessageStartingWith("auth.tenant.acme.models: unknown setting");
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

  @Test
  void shouldTagEveryTypeAndNeedNoMaskingKeyByDefault() {
    MaskingSettings masking = ConfigLoader.load(props(), env()).inspect().masking();
    assertThat(masking.policy()).isEqualTo(MaskingPolicy.tags());
    assertThat(masking.hashKey()).isNull();
    assertThat(masking.encryptionKey()).isNull();
  }

  @Test
  void shouldReadOperatorsPerTypeAndPerTenant() {
    Map<String, String> env = env();
    env.put("GUARDSTREAM_MASK_HASH_KEY", Base64.getEncoder().encodeToString(new byte[48]));
    env.put("GUARDSTREAM_INSPECT_MASK_PERSON", "redact");
    MaskingPolicy policy = ConfigLoader.load(props(
        "inspect.mask.default", "partial",
        "inspect.mask.US_SSN", "Partial",
        "tenant.acme.inspect.mask.default", "hash",
        "tenant.acme.inspect.mask.EMAIL_ADDRESS", "tag"), env).inspect().masking().policy();
    assertThat(policy.operatorFor(null, "US_SSN")).isEqualTo(MaskOperator.PARTIAL);
    assertThat(policy.operatorFor(null, "PERSON")).isEqualTo(MaskOperator.REDACT);
    assertThat(policy.operatorFor("acme", "US_SSN")).isEqualTo(MaskOperator.HASH);
    assertThat(policy.operatorFor("acme", "EMAIL_ADDRESS")).isEqualTo(MaskOperator.TAG);
  }

  @Test
  void shouldNameAnUnknownPiiTypeAndTheTypesThatExist() {
    assertThatThrownBy(() -> ConfigLoader.load(props("tenant.acme.inspect.mask.EMAIL", "tag"), env()))
        .hasMessageStartingWith("tenant.acme.inspect.mask.EMAIL: unknown PII type 'EMAIL' (use default or one of ADDRESS, ")
        .hasMessageContaining("EMAIL_ADDRESS");
  }

  @Test
  void shouldNameAnUnknownOperator() {
    assertThatThrownBy(() -> ConfigLoader.load(props("inspect.mask.US_SSN", "scramble"), env()))
        .hasMessage("inspect.mask.US_SSN: unknown masking operator 'scramble' (one of tag, partial, hash, redact, encrypt)");
  }

  @Test
  void shouldRequireTheHashKeyOnlyWhenSomeRuleHashes() {
    assertThatThrownBy(() -> ConfigLoader.load(props("tenant.acme.inspect.mask.US_SSN", "hash"), env()))
        .hasMessage("inspect.mask.hash.key: environment variable GUARDSTREAM_MASK_HASH_KEY is not set"
            + " (required by the hash masking operator)");
  }

  @Test
  void shouldRefuseAnEncryptionKeyShorterThan32Bytes() {
    Map<String, String> env = env();
    env.put("MASK_KEY", Base64.getEncoder().encodeToString(new byte[16]));
    assertThatThrownBy(() -> ConfigLoader.load(props("inspect.mask.default", "encrypt",
            "inspect.mask.encryption.key", "env:MASK_KEY"), env))
        .hasMessage("inspect.mask.encryption.key: must be at least 32 bytes, base64-encoded (openssl rand -base64 32)");
    assertThatThrownBy(() -> ConfigLoader.load(props("inspect.mask.encryption.key", KEY), env))
        .hasMessage("inspect.mask.encryption.key: a secret must be a reference: env:NAME or file:/path");
  }
}
