package io.guardstream.auth.remote;

import java.util.List;
import java.util.Set;

/** What introspecting an opaque access token decided. */
public sealed interface IntrospectionOutcome {

  /**
   * The authorization server vouches for the token (RFC 7662 §2.2, {@code "active": true}).
   *
   * @param subject {@code sub}, may be null: not every server sends it
   * @param scopes {@code scope}, split on spaces (RFC 6749 §3.3); empty when absent
   * @param clientId {@code client_id}, may be null
   * @param username {@code username}, may be null
   * @param expiresAtMs {@code exp} in epoch ms, {@link Long#MAX_VALUE} when the server sent none
   * @param audience {@code aud}, empty when absent
   * @param issuer {@code iss}, may be null
   * @param tokenId {@code jti}, may be null; the audit trail names the token by it
   */
  record Active(
      String subject,
      Set<String> scopes,
      String clientId,
      String username,
      long expiresAtMs,
      List<String> audience,
      String issuer,
      String tokenId)
      implements IntrospectionOutcome {}

  /**
   * The token is unknown, expired, revoked or not for us. RFC 7662 §2.2 lets the server say no more
   * than that, and so does this: a caller answers 401.
   */
  record Inactive() implements IntrospectionOutcome {}

  /**
   * Nobody could decide: the endpoint failed, timed out or answered nonsense, or the circuit is
   * open after repeated failures. Not the client's fault, so not a 401; a caller answers 503.
   */
  record Unavailable(Cause cause) implements IntrospectionOutcome {}

  enum Cause {
    /** Recent calls failed; this one was not attempted. */
    CIRCUIT_OPEN,
    /** No answer within the per-call timeout. */
    TIMEOUT,
    /** Connection failed or a non-200 status, including our own client credentials refused. */
    ENDPOINT_ERROR,
    /** A 200 whose body is not an RFC 7662 response. */
    MALFORMED_RESPONSE
  }
}
