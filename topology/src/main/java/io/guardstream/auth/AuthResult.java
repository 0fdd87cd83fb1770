package io.guardstream.auth;

/** The outcome of authentication: a principal, or a denial with an error code (never the token). */
public sealed interface AuthResult {

  record Authenticated(Principal principal) implements AuthResult {}

  /**
   * @param code OpenAI-style error code, e.g. {@code invalid_api_key}
   * @param reason why, for the audit trail and the caller; never contains token material
   */
  record Denied(String code, String reason) implements AuthResult {}
}
