package io.guardstream.config;

import io.guardstream.ratelimit.LimitPolicy;
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
    int rocksDbMemoryMb,
    Producer producer,
    TopicNames topics,
    int requestMaxBytes,
    Auth auth,
    LimitPolicy rateLimit,
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
   * @param modelTenants models that belong to one tenant (its fine-tunes, its deployments), by model:
   *     only that tenant's credentials may call them, whatever models a credential allows
   */
  public record Auth(
      Secret apiKeyPepper,
      List<IssuerSettings> issuers,
      Map<String, RoleSettings> roles,
      List<String> defaultModels,
      int tokenCacheEntries,
      int tokenCacheMaxSeconds,
      IntrospectionEndpoint introspection,
      Map<String, String> modelTenants) {}

  /**
   * @param piiMinScore findings scoring below this are reported by {@code scan} but not masked
   * @param injectionFlagThreshold at or above: passed on, marked in audit and worker request
   * @param injectionBlockThreshold at or above: rejected with 400
   * @param masking what each PII type is replaced with, globally and per tenant
   * @param injection the same thresholds per tenant, and the canary key
   */
  public record Inspect(double piiMinScore, double injectionFlagThreshold, double injectionBlockThreshold,
      MaskingSettings masking, InjectionPolicy injection) {}

  /**
   * How the stream threads' producers write every topic (outputs, repartitions, changelogs).
   *
   * @param compressionType Kafka's {@code compression.type}: lz4 by default, since prompts and
   *     answers are text and the bytes the broker writes and serves are most of its work
   * @param batchSize Kafka's {@code batch.size} in bytes: under exactly-once every commit flushes, so a
   *     larger batch only means fewer, fuller requests per commit, not more waiting
   */
  public record Producer(String compressionType, int batchSize) {}

  /** @param authFailureThreshold failures from one source within the window that raise an alert */
  public record Anomaly(int authFailureThreshold, long authFailureWindowMs) {}
}
