package io.guardstream.auth.remote;

import io.guardstream.config.Secret;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * How to reach an RFC 7662 introspection endpoint and how long to believe its answers.
 *
 * @param endpoint the introspection URL; {@code https:} only (the request carries the token and our
 *     client secret) unless {@code allowInsecureForTests}
 * @param clientId Guardstream's client id at the authorization server (RFC 7662 §2.1 requires the
 *     caller to authenticate, so that the endpoint cannot be used to scan for valid tokens)
 * @param clientSecret sent as client_secret_basic (RFC 6749 §2.3.1)
 * @param callTimeout connect timeout, and again read timeout, of one call
 * @param maxCacheTtl the longest an active answer is reused, even for a token valid for hours: a
 *     token revoked at the server is still accepted here for up to this long (the trade-off RFC
 *     7662 §4 asks a resource server to make)
 * @param inactiveCacheTtl how long an inactive answer is reused, so that a replayed bad token does
 *     not cost a call each time; short, because a token may be inactive only until it is issued
 * @param maxCachedTokens bound on cached answers
 * @param failureThreshold consecutive failed calls that open the circuit
 * @param coolDown how long an open circuit refuses calls before one probe
 * @param allowInsecureForTests permits {@code http:}; never set outside tests
 */
public record IntrospectionSettings(
    URI endpoint,
    String clientId,
    Secret clientSecret,
    Duration callTimeout,
    Duration maxCacheTtl,
    Duration inactiveCacheTtl,
    int maxCachedTokens,
    int failureThreshold,
    Duration coolDown,
    boolean allowInsecureForTests) {

  public IntrospectionSettings {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(clientSecret, "clientSecret");
    String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !(scheme.equals("http") && allowInsecureForTests)) {
      throw new IllegalArgumentException("introspection endpoint must be an https: URL, not " + scheme + ":");
    }
    if (endpoint.getRawUserInfo() != null) {
      throw new IllegalArgumentException("introspection endpoint must not carry credentials in the URL");
    }
    Durations.requirePositive("introspection callTimeout", callTimeout);
    Durations.requirePositive("introspection maxCacheTtl", maxCacheTtl);
    Durations.requirePositive("introspection inactiveCacheTtl", inactiveCacheTtl);
    Durations.requirePositive("introspection coolDown", coolDown);
    if (maxCachedTokens <= 0 || failureThreshold <= 0) {
      throw new IllegalArgumentException("introspection maxCachedTokens and failureThreshold must be positive");
    }
  }

  /**
   * 1 s per call, active answers reused up to 60 s, inactive ones 10 s, 100 000 cached tokens, the
   * circuit opens after 5 failures in a row and probes again after 30 s.
   */
  public static IntrospectionSettings defaults(URI endpoint, String clientId, Secret clientSecret) {
    return new IntrospectionSettings(
        endpoint,
        clientId,
        clientSecret,
        Duration.ofSeconds(1),
        Duration.ofSeconds(60),
        Duration.ofSeconds(10),
        100_000,
        5,
        Duration.ofSeconds(30),
        false);
  }
}
