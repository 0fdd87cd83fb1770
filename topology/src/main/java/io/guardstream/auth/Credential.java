package io.guardstream.auth;

import java.util.Locale;

/**
 * The bearer credential a request presented, by kind. Its {@link #toString()} never shows the
 * secret, so a credential logged by mistake leaks nothing.
 */
public record Credential(Kind kind, String secret) {

  public enum Kind {
    API_KEY,
    /** Has the API-key prefix but not its shape or checksum: a typo or a truncated paste. */
    MALFORMED_API_KEY,
    JWT,
    UNSUPPORTED,
    MISSING
  }

  static final Credential MISSING = new Credential(Kind.MISSING, "");

  /** Reads an {@code authorization} header value: {@code Bearer <api key or JWT>}. */
  public static Credential fromAuthorizationHeader(String header) {
    if (header == null || header.isBlank()) {
      return MISSING;
    }
    String value = header.strip();
    if (value.length() < 7 || !value.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
      return new Credential(Kind.UNSUPPORTED, "");
    }
    String token = value.substring(7).strip();
    if (ApiKeys.looksLikeKey(token)) {
      return new Credential(Kind.API_KEY, token);
    }
    if (ApiKeys.hasPrefix(token)) {
      return new Credential(Kind.MALFORMED_API_KEY, "");
    }
    // a compact JWS has exactly three base64url parts
    if (token.chars().filter(c -> c == '.').count() == 2) {
      return new Credential(Kind.JWT, token);
    }
    return new Credential(Kind.UNSUPPORTED, "");
  }

  @Override
  public String toString() {
    return "Credential[" + kind + ", redacted]";
  }
}
