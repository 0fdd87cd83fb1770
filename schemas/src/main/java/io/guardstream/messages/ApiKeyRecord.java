package io.guardstream.messages;

import java.util.List;

/** Value of the compacted {@code llm.keys} topic: the registry entry of an API key, holding its hash only. */
public record ApiKeyRecord(
    String keyId,
    String hash,
    String principal,
    String tenant,
    List<String> allowedModels,
    Integer requestsPerMinute,
    String status,
    long createdAt,
    Long expiresAt) {

  public static final String ACTIVE = "active";
  public static final String REVOKED = "revoked";
}
