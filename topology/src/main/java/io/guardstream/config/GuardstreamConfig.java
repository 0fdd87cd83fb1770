package io.guardstream.config;

import java.nio.file.Path;
import java.util.List;

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
   * Bearer-token settings.
   *
   * @param jwksFile JWKS with the public keys JWTs are verified against; null disables JWTs
   * @param issuer required {@code iss}
   * @param audience required in {@code aud}
   * @param clockSkewSeconds tolerance on {@code exp}/{@code nbf}
   * @param modelsClaim claim listing the models a token may use
   * @param defaultModels models allowed when a key or token names none ({@code *} = any)
   */
  public record Auth(
      Path jwksFile,
      String issuer,
      String audience,
      int clockSkewSeconds,
      String modelsClaim,
      List<String> defaultModels) {}

  /** @param defaultRequestsPerMinute limit for principals whose key names none */
  public record RateLimit(int defaultRequestsPerMinute) {}

  /**
   * @param piiMinScore findings scoring below this are reported by {@code scan} but not masked
   * @param injectionFlagThreshold at or above: passed on, marked in audit and worker request
   * @param injectionBlockThreshold at or above: rejected with 400
   */
  public record Inspect(double piiMinScore, double injectionFlagThreshold, double injectionBlockThreshold) {}

  /** @param authFailureThreshold failures from one source within the window that raise an alert */
  public record Anomaly(int authFailureThreshold, long authFailureWindowMs) {}
}
