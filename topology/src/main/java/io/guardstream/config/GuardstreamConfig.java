package io.guardstream.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * All of Guardstream's settings, typed, loaded and validated by {@link ConfigLoader} before anything
 * starts. Secrets are {@link Secret} references, never values.
 */
public record GuardstreamConfig(
    String bootstrapServers,
    String applicationId,
    String processingGuarantee,
    int streamThreads,
    long commitIntervalMs,
    Path stateDir,
    TopicNames topics,
    int requestMaxBytes,
    Auth auth,
    RateLimit rateLimit,
    Inspect inspect,
    long workerTimeoutMs,
    Anomaly anomaly,
    Secret dlqKey,
    Secret pseudonymKey,
    String policyVersion) {

  /**
   * Credential settings.
   *
   * @param apiKeyPepper the server-side key API key hashes are keyed with (HMAC-SHA-256)
   * @param issuers trusted token issuers; empty refuses every JWT
   * @param roles what each token scope or role allows, by name
   * @param defaultModels models allowed when a key or token names none ({@code *} = any)
   * @param tokenCacheEntries verified tokens remembered (0 turns the cache off)
   * @param tokenCacheMaxSeconds longest a verified token is remembered, whatever its {@code exp}
   * @param introspection where opaque access tokens are checked, or null to refuse them
   */
  public record Auth(
      Secret apiKeyPepper,
      List<IssuerSettings> issuers,
      Map<String, RoleSettings> roles,
      List<String> defaultModels,
      int tokenCacheEntries,
      int tokenCacheMaxSeconds,
      IntrospectionEndpoint introspection) {}

  /** @param defaultRequestsPerMinute limit for principals whose key names none */
  public record RateLimit(int defaultRequestsPerMinute) {}

  /**
   * @param piiMinScore findings scoring below this are reported by {@code scan} but not masked
   * @param injectionFlagThreshold at or above: passed on, marked in audit and worker request
   * @param injectionBlockThreshold at or above: rejected with 400
   * @param injection the same thresholds per tenant, and the canary key
   */
  public record Inspect(double piiMinScore, double injectionFlagThreshold, double injectionBlockThreshold,
      InjectionPolicy injection) {}

  /** @param authFailureThreshold failures from one source within the window that raise an alert */
  public record Anomaly(int authFailureThreshold, long authFailureWindowMs) {}
}
