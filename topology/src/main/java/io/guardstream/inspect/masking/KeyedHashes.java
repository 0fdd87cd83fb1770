package io.guardstream.inspect.masking;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA-256, the primitive both keyed operators derive their keys and pseudonyms with. */
final class KeyedHashes {

  /** Below this a key is guessable offline from one pseudonym or ciphertext. */
  static final int MIN_KEY_BYTES = 32;

  private KeyedHashes() {}

  static void requireStrongKey(byte[] key, String what) {
    if (key == null || key.length < MIN_KEY_BYTES) {
      throw new IllegalArgumentException(what + " must be at least " + MIN_KEY_BYTES + " bytes");
    }
  }

  /**
   * One Mac per thread, re-keyed per call: callers run on several stream threads and a Mac is not
   * thread-safe, while {@code Mac.getInstance}'s provider lookup costs more than the HMAC of a short value.
   */
  private static final ThreadLocal<Mac> MACS = ThreadLocal.withInitial(() -> {
    try {
      return Mac.getInstance("HmacSHA256");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required of every JVM", e);
    }
  });

  static byte[] hmac(byte[] key, String message) {
    try {
      Mac mac = MACS.get();
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("an HMAC-SHA-256 key of " + key.length + " bytes was refused", e);
    }
  }
}
