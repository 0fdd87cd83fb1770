package io.guardstream.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed pseudonyms (HMAC-SHA-256) for values that audit and alert records must let data teams join
 * and count without seeing them, such as client addresses. Not thread-safe: one per processor.
 */
public final class Pseudonymizer {

  private final Mac mac;

  public Pseudonymizer(byte[] key) {
    try {
      mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required of every JVM", e);
    }
  }

  /** {@code <prefix>_<16 hex>}: 64 bits, ample to tell sources apart, useless to reverse. */
  public String pseudonym(String prefix, String value) {
    byte[] digest = mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
    return prefix + "_" + HexFormat.of().formatHex(digest, 0, 8);
  }
}
