package io.guardstream.auth;

import io.guardstream.auth.remote.RemoteCredentialEvents;
import io.guardstream.messages.Alert;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns trouble with the servers that vouch for credentials (a JWKS endpoint down, introspection
 * failing) into alerts for {@code llm.alerts}, at most one per rule and subject every five minutes,
 * and drops verified tokens when an issuer's keys change. The events arrive on a verifying thread
 * and outside any record; the anomaly stage collects them with {@link #drain}.
 */
public final class RemoteCredentialAlerts implements RemoteCredentialEvents {

  private static final Logger LOG = LoggerFactory.getLogger(RemoteCredentialAlerts.class);
  static final long REPEAT_MS = 300_000;
  private static final int MAX_PENDING = 100;

  private final ConcurrentLinkedQueue<Alert> pending = new ConcurrentLinkedQueue<>();
  private final AtomicInteger size = new AtomicInteger();
  private final Map<String, Long> lastRaised = new ConcurrentHashMap<>();
  private volatile Runnable onKeysChanged = () -> {};

  /** What to do when an issuer's key ids change: forget tokens verified with a key that may be gone. */
  void onKeysChanged(Runnable action) {
    this.onKeysChanged = action;
  }

  @Override
  public void onJwksRefreshed(String issuer, boolean keysChanged) {
    if (keysChanged) {
      onKeysChanged.run();
    }
  }

  @Override
  public void onJwksOutage(String issuer, String reason) {
    LOG.warn("JWKS of issuer {} unreachable ({}); verifying with the cached keys", issuer, reason);
    raise("jwks_outage", issuer, "the JWKS of " + issuer + " could not be fetched (" + reason
        + "); tokens are verified with the cached keys until the outage cache expires");
  }

  @Override
  public void onIntrospectionCircuitOpen(String endpoint) {
    LOG.warn("token introspection at {} failing; opaque tokens are answered 502 until it recovers", endpoint);
    raise("introspection_unavailable", endpoint, "token introspection at " + endpoint
        + " keeps failing; requests with opaque tokens get 502 auth_unavailable until a probe succeeds");
  }

  private void raise(String rule, String subject, String summary) {
    long now = System.currentTimeMillis();
    String key = rule + "|" + subject;
    Long last = lastRaised.get(key);
    if (last != null && now - last < REPEAT_MS) {
      return;
    }
    lastRaised.put(key, now);
    long windowStart = now - now % REPEAT_MS;
    if (size.incrementAndGet() > MAX_PENDING) {
      size.decrementAndGet();
      return; // nobody is draining: an alert flood must not grow the heap
    }
    pending.add(new Alert(rule + ":" + subject + ":" + windowStart, rule, "high", subject, windowStart,
        windowStart + REPEAT_MS, 1, 1, now, summary, Map.of()));
  }

  /** The alerts raised since the last call. */
  public List<Alert> drain() {
    List<Alert> out = new ArrayList<>();
    Alert alert;
    while ((alert = pending.poll()) != null) {
      size.decrementAndGet();
      out.add(alert);
    }
    return out;
  }
}
