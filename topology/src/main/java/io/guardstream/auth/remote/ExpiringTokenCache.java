package io.guardstream.auth.remote;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A bounded map from a token's digest to a value that is valid until a given instant. Least
 * recently used entries go first when it is full, so a flood of one-off tokens cannot push out the
 * tokens in steady use for longer than the flood lasts. Expiry is checked against the time the
 * caller passes, never a clock of its own, so that processing time and tests decide.
 *
 * <p>One lock around an access-ordered {@link LinkedHashMap}: a lookup is a hash and a few pointer
 * moves, short enough that the few stream threads of an instance do not queue on it.
 */
final class ExpiringTokenCache<V> {

  private record Entry<V>(V value, long validUntilMs) {}

  private final int maxEntries;
  private final LinkedHashMap<TokenDigest, Entry<V>> entries;

  ExpiringTokenCache(int maxEntries) {
    if (maxEntries <= 0) {
      throw new IllegalArgumentException("a token cache needs room for at least one entry");
    }
    this.maxEntries = maxEntries;
    this.entries =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<TokenDigest, Entry<V>> eldest) {
            return size() > ExpiringTokenCache.this.maxEntries;
          }
        };
  }

  /** The value cached for {@code key} if it is still valid at {@code nowMs}, else {@code null}. */
  V get(TokenDigest key, long nowMs) {
    synchronized (entries) {
      Entry<V> entry = entries.get(key);
      if (entry == null) {
        return null;
      }
      if (nowMs >= entry.validUntilMs()) {
        entries.remove(key);
        return null;
      }
      return entry.value();
    }
  }

  /** Caches {@code value} until {@code validUntilMs}; a value already expired is not stored. */
  void put(TokenDigest key, V value, long validUntilMs, long nowMs) {
    if (validUntilMs <= nowMs) {
      return;
    }
    synchronized (entries) {
      entries.put(key, new Entry<>(value, validUntilMs));
    }
  }

  void clear() {
    synchronized (entries) {
      entries.clear();
    }
  }

  int size() {
    synchronized (entries) {
      return entries.size();
    }
  }
}
