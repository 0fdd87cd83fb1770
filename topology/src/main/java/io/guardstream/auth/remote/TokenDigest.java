package io.guardstream.auth.remote;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The SHA-256 of a token, as a cache key: a cache (or a heap dump of it) then holds nothing that
 * can be replayed as a credential. Four longs compare and hash without allocating a string.
 */
record TokenDigest(long a, long b, long c, long d) {

  private static final ThreadLocal<MessageDigest> SHA_256 =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException("every Java platform must provide SHA-256", e);
            }
          });

  static TokenDigest of(String token) {
    // UTF-8, not ASCII: ASCII maps every other character to '?', so two tokens differing only there
    // would share a digest and a forged one could ride on a verified one's cache entry
    ByteBuffer hash = ByteBuffer.wrap(SHA_256.get().digest(token.getBytes(StandardCharsets.UTF_8)));
    return new TokenDigest(hash.getLong(), hash.getLong(), hash.getLong(), hash.getLong());
  }

  @Override
  public String toString() {
    // a short fingerprint for audit lines; not enough to find the token by
    return "sha256:" + Long.toHexString(a);
  }
}
