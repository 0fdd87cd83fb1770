package io.guardstream.auth;

import java.util.List;
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
    /** Any other bearer token: an OAuth 2.0 access token to introspect (RFC 7662). */
    OPAQUE_TOKEN,
    UNSUPPORTED,
    /** More than one authorization header: which one a proxy or the app would honour is unclear. */
    AMBIGUOUS,
    MISSING
  }

  static final Credential MISSING = new Credential(Kind.MISSING, "");

  /** Reads every {@code authorization} header a request carries: exactly one is allowed. */
  public static Credential fromAuthorizationHeaders(List<String> values) {
    if (values.size() > 1) {
      return new Credential(Kind.AMBIGUOUS, "");
    }
    return fromAuthorizationHeader(values.isEmpty() ? null : values.get(0));
  }

  /** Reads an {@code authorization} header value: {@code Bearer <api key, JWT or opaque token>}. */
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
    if (isBearerToken(token)) {
      return new Credential(Kind.OPAQUE_TOKEN, token);
    }
    return new Credential(Kind.UNSUPPORTED, "");
  }

  /** RFC 6750 section 2.1: b64token = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"=". */
  private static boolean isBearerToken(String token) {
    int end = token.length();
    while (end > 0 && token.charAt(end - 1) == '=') {
      end--;
    }
    if (end == 0 || token.length() > 4096) {
      return false;
    }
    for (int i = 0; i < end; i++) {
      char c = token.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return "Credential[" + kind + ", redacted]";
  }
}
