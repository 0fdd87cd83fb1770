package io.guardstream.auth.remote;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Where an issuer's JWKS comes from and how long Guardstream trusts what it fetched.
 *
 * @param issuer the issuer these keys sign for; names the source in events
 * @param location an {@code https:} URL or a {@code file:} URI; {@code http:} only when {@code
 *     allowInsecureForTests}, because keys fetched in clear text can be swapped by anyone on the path
 * @param cacheTtl how long a fetched set is used before it is fetched again
 * @param refreshTimeout how long a thread waits for another thread's fetch before giving up
 * @param minRefreshInterval the rate limit: at most two fetches in this interval (nimbus lets the
 *     second through so that a genuine key rotation is seen at once), however many tokens name an
 *     unknown {@code kid}
 * @param outageTtl how long the last good set is served while the endpoint is down; a bound, since
 *     a key the issuer withdrew stays trusted for that long
 * @param connectTimeout per fetch
 * @param readTimeout per fetch
 * @param sizeLimitBytes a larger response is refused rather than parsed
 * @param allowInsecureForTests permits {@code http:}; never set outside tests
 */
public record JwksSettings(
    String issuer,
    URI location,
    Duration cacheTtl,
    Duration refreshTimeout,
    Duration minRefreshInterval,
    Duration outageTtl,
    Duration connectTimeout,
    Duration readTimeout,
    int sizeLimitBytes,
    boolean allowInsecureForTests) {

  public JwksSettings {
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(location, "location");
    String scheme = location.getScheme() == null ? "" : location.getScheme().toLowerCase(Locale.ROOT);
    boolean secure = scheme.equals("https") || scheme.equals("file");
    if (!secure && !(scheme.equals("http") && allowInsecureForTests)) {
      throw new IllegalArgumentException(
          "jwks location for " + issuer + " must be an https: URL or a file, not " + scheme + ":");
    }
    if (location.getRawUserInfo() != null) {
      // credentials in a URL end up in logs and error messages
      throw new IllegalArgumentException("jwks location for " + issuer + " must not carry credentials");
    }
    Durations.requirePositive("jwks cacheTtl", cacheTtl);
    Durations.requirePositive("jwks refreshTimeout", refreshTimeout);
    Durations.requirePositive("jwks minRefreshInterval", minRefreshInterval);
    Durations.requirePositive("jwks outageTtl", outageTtl);
    Durations.requirePositive("jwks connectTimeout", connectTimeout);
    Durations.requirePositive("jwks readTimeout", readTimeout);
    if (minRefreshInterval.compareTo(cacheTtl) >= 0) {
      throw new IllegalArgumentException("jwks minRefreshInterval must be shorter than cacheTtl");
    }
    if (sizeLimitBytes <= 0) {
      throw new IllegalArgumentException("jwks sizeLimitBytes must be positive");
    }
  }

  /**
   * nimbus' defaults (5 min cache, 30 s between refreshes, 15 s refresh wait, 500 ms timeouts, 50
   * KiB) and an outage allowance of ten cache lifetimes, as nimbus' builder chooses.
   */
  public static JwksSettings defaults(String issuer, URI location) {
    Duration ttl = Duration.ofMinutes(5);
    return new JwksSettings(
        issuer,
        location,
        ttl,
        Duration.ofSeconds(15),
        Duration.ofSeconds(30),
        ttl.multipliedBy(10),
        Duration.ofMillis(500),
        Duration.ofMillis(500),
        50 * 1024,
        false);
  }

  public JwksSettings withCache(Duration ttl, Duration minRefresh, Duration outage) {
    return new JwksSettings(
        issuer, location, ttl, refreshTimeout, minRefresh, outage, connectTimeout, readTimeout,
        sizeLimitBytes, allowInsecureForTests);
  }
}
