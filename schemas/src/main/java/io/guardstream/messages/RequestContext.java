package io.guardstream.messages;

import java.util.List;

/**
 * Guardstream's own metadata that travels with an accepted request to the response path. No credential.
 *
 * @param maskVault the values the {@code encrypt} masking operator replaced with placeholders, sealed
 *     with AES-256-GCM for this request id so the response path can restore them in the answer; null
 *     when nothing was encrypted
 */
public record RequestContext(
    String principal,
    String tenant,
    String keyId,
    String source,
    long receivedAt,
    long acceptedAt,
    RateLimitState rateLimit,
    Inspection inspection,
    String policyVersion,
    List<String> detectors,
    String maskVault) {

  /** A context without encrypted values. */
  public RequestContext(String principal, String tenant, String keyId, String source, long receivedAt, long acceptedAt,
      RateLimitState rateLimit, Inspection inspection, String policyVersion, List<String> detectors) {
    this(principal, tenant, keyId, source, receivedAt, acceptedAt, rateLimit, inspection, policyVersion, detectors, null);
  }
}
