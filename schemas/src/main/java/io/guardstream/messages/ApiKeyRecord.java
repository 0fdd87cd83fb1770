package io.guardstream.messages;

import java.util.List;

/**
 * Value of the compacted {@code llm.keys} topic: the registry entry of an API key, holding its keyed
 * hash only.
 *
 * @param allowedModels models the key may call; null means the deployment's default
 * @param requestsPerMinute the key's request limit; null means the deployment's default
 * @param maxTokens the largest {@code max_tokens} a request may ask for; null means no cap
 * @param workloads the workloads ({@code metadata.workload}, such as batch or interactive) the key may
 *     run; null means any
 * @param replacedBy the key id that replaced this one in a rotation, if any
 * @param quota the key's token and spend limits; null (or null fields) means the tenant's or the
 *     deployment's
 */
public record ApiKeyRecord(
    String keyId,
    String hash,
    String principal,
    String tenant,
    List<String> allowedModels,
    Integer requestsPerMinute,
    Integer maxTokens,
    List<String> workloads,
    String status,
    long createdAt,
    Long expiresAt,
    String replacedBy,
    Quota quota) {

  public static final String ACTIVE = "active";
  public static final String REVOKED = "revoked";

  /** A key without a token cap, workload restriction or rotation history. */
  public ApiKeyRecord(String keyId, String hash, String principal, String tenant, List<String> allowedModels,
      Integer requestsPerMinute, String status, long createdAt, Long expiresAt) {
    this(keyId, hash, principal, tenant, allowedModels, requestsPerMinute, null, null, status, createdAt, expiresAt, null,
        null);
  }

  /** A key without token or spend limits of its own. */
  public ApiKeyRecord(String keyId, String hash, String principal, String tenant, List<String> allowedModels,
      Integer requestsPerMinute, Integer maxTokens, List<String> workloads, String status, long createdAt,
      Long expiresAt, String replacedBy) {
    this(keyId, hash, principal, tenant, allowedModels, requestsPerMinute, maxTokens, workloads, status, createdAt,
        expiresAt, replacedBy, null);
  }

  public ApiKeyRecord withStatus(String newStatus) {
    return new ApiKeyRecord(keyId, hash, principal, tenant, allowedModels, requestsPerMinute, maxTokens, workloads,
        newStatus, createdAt, expiresAt, replacedBy, quota);
  }

  /** This key after a rotation: still valid until {@code until}, pointing at its successor. */
  public ApiKeyRecord rotatedTo(String successorKeyId, long until) {
    return new ApiKeyRecord(keyId, hash, principal, tenant, allowedModels, requestsPerMinute, maxTokens, workloads,
        status, createdAt, expiresAt == null ? until : Math.min(expiresAt, until), successorKeyId, quota);
  }
}
