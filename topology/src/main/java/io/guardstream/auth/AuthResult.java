package io.guardstream.auth;

/** The outcome of authentication: a principal, or a denial with an error code (never the token). */
public sealed interface AuthResult {

  record Authenticated(Principal principal) implements AuthResult {}

  /**
   * @param code OpenAI-style error code, e.g. {@code invalid_api_key}
   * @param reason why, for the audit trail and the caller; never contains token material
   */
  record Denied(String code, String reason) implements AuthResult {}

  /**
   * Nobody could decide (the issuer's keys or the introspection endpoint are out of reach): not the
   * caller's fault, so not a 401, and not a pass either; the caller may retry.
   */
  record Unavailable(String code, String reason) implements AuthResult {}
}
