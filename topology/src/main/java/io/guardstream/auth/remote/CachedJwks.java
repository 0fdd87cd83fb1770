package io.guardstream.auth.remote;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.CachingJWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSetBasedJWKSource;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.OutageTolerantJWKSetSource;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.jwk.source.RateLimitedJWKSetSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.events.Event;
import java.io.Closeable;
import java.io.IOException;
import java.net.MalformedURLException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import javax.net.ssl.SSLSocketFactory;

/**
 * An issuer's signing keys from a JWKS file or HTTPS URL, for nimbus' {@code
 * JWSVerificationKeySelector}. The key set is fetched by nimbus' own {@link JWKSourceBuilder} stack
 * (cache, rate limit, outage cache); this class supplies the clock, so that expiry can be tested
 * without sleeping, and turns nimbus' events into {@link RemoteCredentialEvents}.
 *
 * <p>A token whose {@code kid} is not in the cached set triggers one refresh. Refreshes are rate
 * limited because the {@code kid} is chosen by whoever sent the token: a flood of invented ids
 * would otherwise become a flood of requests to the issuer. A refused refresh answers "no such
 * key", so the token is rejected as signed by an unknown key. If the issuer is down, the last good
 * set is served for {@link JwksSettings#outageTtl()}; only when no set was ever fetched does
 * {@link #get} throw a {@link KeySourceException}, which the caller should treat as unavailable
 * infrastructure rather than as a bad token.
 */
public final class CachedJwks implements JWKSource<SecurityContext>, Closeable {

  private final String issuer;
  private final JWKSetSource<SecurityContext> keySets;
  private final LongSupplier clock;

  private CachedJwks(String issuer, JWKSetSource<SecurityContext> keySets, LongSupplier clock) {
    this.issuer = issuer;
    this.keySets = keySets;
    this.clock = clock;
  }

  /** Keys as of the wall clock, over the JVM's default TLS trust. */
  public static CachedJwks open(JwksSettings settings, RemoteCredentialEvents events) {
    return open(settings, null, events, System::currentTimeMillis);
  }

  /**
   * @param tls the TLS trust for the issuer, {@code null} for the JVM default
   * @param clock epoch milliseconds, against which cache and outage lifetimes run
   */
  public static CachedJwks open(
      JwksSettings settings, SSLSocketFactory tls, RemoteCredentialEvents events, LongSupplier clock) {
    var retriever =
        new DefaultResourceRetriever(
            (int) settings.connectTimeout().toMillis(),
            (int) settings.readTimeout().toMillis(),
            settings.sizeLimitBytes(),
            true,
            tls);
    var bridge = new EventBridge(settings.issuer(), events);
    JWKSource<SecurityContext> built;
    try {
      built =
          JWKSourceBuilder.<SecurityContext>create(settings.location().toURL(), retriever)
              .cache(
                  settings.cacheTtl().toMillis(), settings.refreshTimeout().toMillis(), bridge::caching)
              // refresh-ahead runs fetches on executor threads; the stream thread waits either way
              .refreshAheadCache(false)
              .rateLimited(settings.minRefreshInterval().toMillis(), bridge::rateLimited)
              .outageTolerant(settings.outageTtl().toMillis(), bridge::outage)
              .retrying(false)
              .build();
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException("jwks location for " + settings.issuer() + " is not a URL", e);
    }
    if (!(built instanceof JWKSetBasedJWKSource<SecurityContext> base)) {
      throw new IllegalStateException("nimbus JWKSourceBuilder no longer builds a JWKSetBasedJWKSource");
    }
    return new CachedJwks(settings.issuer(), base.getJWKSetSource(), clock);
  }

  public String issuer() {
    return issuer;
  }

  /**
   * Fetches the key set now rather than on the first token, so that a wrong URL or an unreachable
   * issuer shows at start-up; returns the number of keys.
   *
   * @throws KeySourceException when no key set can be had
   */
  public int warmUp() throws KeySourceException {
    return keySets.getJWKSet(JWKSetCacheRefreshEvaluator.noRefresh(), clock.getAsLong(), null).size();
  }

  /**
   * The keys {@code selector} matches, refreshing the set once if none does. The same read, then
   * refresh-if-still-the-same-set, as nimbus' {@code JWKSetBasedJWKSource}, on this source's clock.
   */
  @Override
  public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
    long now = clock.getAsLong();
    JWKSet cached = keySets.getJWKSet(JWKSetCacheRefreshEvaluator.noRefresh(), now, context);
    List<JWK> keys = selector.select(cached);
    if (!keys.isEmpty()) {
      return keys;
    }
    try {
      return selector.select(
          keySets.getJWKSet(JWKSetCacheRefreshEvaluator.referenceComparison(cached), now, context));
    } catch (RateLimitReachedException e) {
      return List.of();
    }
  }

  @Override
  public void close() throws IOException {
    keySets.close();
  }

  /** Translates nimbus' events into {@link RemoteCredentialEvents}. */
  private static final class EventBridge {
    private final String issuer;
    private final RemoteCredentialEvents events;
    private final AtomicReference<Set<String>> keyIds = new AtomicReference<>();

    EventBridge(String issuer, RemoteCredentialEvents events) {
      this.issuer = issuer;
      this.events = GuardedEvents.around(events);
    }

    void caching(Event<CachingJWKSetSource<SecurityContext>, SecurityContext> event) {
      if (event instanceof CachingJWKSetSource.RefreshCompletedEvent<SecurityContext> done) {
        Set<String> fetched = keyIds(done.getJWKSet());
        Set<String> before = keyIds.getAndSet(fetched);
        boolean changed = before != null && !before.equals(fetched);
        events.onJwksRefreshed(issuer, changed);
      }
    }

    void rateLimited(Event<RateLimitedJWKSetSource<SecurityContext>, SecurityContext> event) {
      events.onJwksRefreshRateLimited(issuer);
    }

    void outage(Event<OutageTolerantJWKSetSource<SecurityContext>, SecurityContext> event) {
      if (event instanceof OutageTolerantJWKSetSource.OutageEvent<SecurityContext> outage) {
        String reason =
            describe(outage.getException())
                + "; serving cached keys for up to "
                + outage.getRemainingTime() / 1000
                + " s";
        events.onJwksOutage(issuer, reason);
      }
    }

    private static Set<String> keyIds(JWKSet set) {
      return set.getKeys().stream()
          .map(key -> key.getKeyID() == null ? "" : key.getKeyID())
          .collect(Collectors.toUnmodifiableSet());
    }

    /** The innermost cause names the failure (refused, timed out, HTTP status) without the URL. */
    private static String describe(Throwable failure) {
      Throwable root = failure;
      while (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
      }
      String message = root.getMessage();
      return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
  }
}
