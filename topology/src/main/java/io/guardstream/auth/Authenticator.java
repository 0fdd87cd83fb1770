package io.guardstream.auth;

import io.guardstream.messages.ApiKeyRecord;

/**
 * Decides who a credential belongs to: API keys against the key registry (keyed-hash compare in
 * constant time, status and expiry), JWTs through {@link JwtVerifier}, opaque access tokens through
 * {@link OpaqueTokenVerifier}. Plain Java: the topology supplies the
 * registry lookup.
 */
public final class Authenticator {

  /** Looks up a key record by key id; the topology backs it with the GlobalKTable's store. */
  @FunctionalInterface
  public interface KeyRegistry {
    ApiKeyRecord find(String keyId);
  }

  private final KeyHasher keyHasher;
  private final JwtVerifier jwtVerifier;
  private final OpaqueTokenVerifier opaqueTokens;

  /** @param jwtVerifier null when no issuer is configured: JWTs are then refused */
  public Authenticator(KeyHasher keyHasher, JwtVerifier jwtVerifier) {
    this(keyHasher, jwtVerifier, null);
  }

  /** @param opaqueTokens null when no introspection endpoint is configured: opaque tokens are then refused */
  public Authenticator(KeyHasher keyHasher, JwtVerifier jwtVerifier, OpaqueTokenVerifier opaqueTokens) {
    this.keyHasher = keyHasher;
    this.jwtVerifier = jwtVerifier;
    this.opaqueTokens = opaqueTokens;
  }

  /** @param nowMs the time expiry is checked against: never a client-supplied timestamp */
  public AuthResult authenticate(Credential credential, KeyRegistry registry, long nowMs) {
    return switch (credential.kind()) {
      case MISSING -> new AuthResult.Denied("missing_credentials", "no bearer credential");
      case UNSUPPORTED -> new AuthResult.Denied("invalid_credentials", "credential is not a Guardstream API key or a JWT");
      case AMBIGUOUS -> new AuthResult.Denied("invalid_credentials", "a request must carry exactly one authorization header");
      case MALFORMED_API_KEY -> new AuthResult.Denied("invalid_api_key", "API key is malformed (checksum or length is wrong: a typo?)");
      case JWT -> jwtVerifier == null
          ? new AuthResult.Denied("invalid_token", "JWT bearer tokens are not configured")
          : jwtVerifier.verify(credential.secret(), nowMs);
      case OPAQUE_TOKEN -> opaqueTokens == null
          ? new AuthResult.Denied("invalid_credentials", "credential is not a Guardstream API key or a JWT")
          : opaqueTokens.verify(credential.secret(), nowMs);
      case API_KEY -> apiKey(credential.secret(), registry, nowMs);
    };
  }

  private AuthResult apiKey(String key, KeyRegistry registry, long nowMs) {
    String keyId = ApiKeys.keyId(key);
    ApiKeyRecord record = registry.find(keyId);
    // unknown id and wrong secret give the same answer, so that key ids cannot be enumerated
    if (record == null || !keyHasher.matches(key, record.hash())) {
      return new AuthResult.Denied("invalid_api_key", "API key is not valid");
    }
    if (!ApiKeyRecord.ACTIVE.equals(record.status())) {
      return new AuthResult.Denied("invalid_api_key", "API key has been revoked");
    }
    if (record.expiresAt() != null && record.expiresAt() <= nowMs) {
      return new AuthResult.Denied("invalid_api_key", "API key has expired");
    }
    return new AuthResult.Authenticated(
        new Principal(
            record.principal(),
            record.tenant(),
            record.keyId(),
            "api_key",
            record.allowedModels(),
            record.requestsPerMinute(),
            record.maxTokens(),
            record.workloads(),
            record.quota()));
  }
}
