package io.guardstream.auth;

import io.guardstream.config.Secret;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The registry's hash of an API key: HMAC-SHA-256 keyed with a server-side pepper. A copy of the
 * {@code llm.keys} topic (a backup, a mirrored cluster, a leaked changelog) is then useless for
 * checking guessed keys offline without the pepper, which lives only in the environment or a file.
 * The key's 196 random bits already rule out brute force; the pepper guards against the registry
 * being used as a validity oracle for keys leaked elsewhere.
 */
public final class KeyHasher {

  static final String PREFIX = "hmac-sha256:";
  private static final int MIN_PEPPER_BYTES = 32;
  private static final HexFormat HEX = HexFormat.of();

  private final SecretKeySpec pepper;
  // Mac instances are not thread-safe, and creating one costs more than the HMAC itself
  private final ThreadLocal<Mac> macs;

  public KeyHasher(byte[] pepper) {
    if (pepper == null || pepper.length < MIN_PEPPER_BYTES) {
      throw new IllegalArgumentException("the API key pepper must be at least " + MIN_PEPPER_BYTES + " bytes");
    }
    this.pepper = new SecretKeySpec(pepper.clone(), "HmacSHA256");
    this.macs = ThreadLocal.withInitial(this::newMac);
  }

  /** The hasher for the configured pepper ({@code auth.api.key.pepper}: 32 bytes, base64). */
  public static KeyHasher of(Secret pepper) {
    return new KeyHasher(pepper.base64Bytes("auth.api.key.pepper"));
  }

  /** {@code hmac-sha256:<hex>} of the whole key: what the registry stores. */
  public String hash(String key) {
    return PREFIX + HEX.formatHex(macs.get().doFinal(key.getBytes(StandardCharsets.UTF_8)));
  }

  /** Compares a presented key with a stored hash in constant time (no timing oracle on the hash). */
  public boolean matches(String key, String storedHash) {
    if (storedHash == null) {
      return false;
    }
    return MessageDigest.isEqual(
        hash(key).getBytes(StandardCharsets.US_ASCII), storedHash.getBytes(StandardCharsets.US_ASCII));
  }

  private Mac newMac() {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(pepper);
      return mac;
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is required of every JVM", e);
    }
  }
}
