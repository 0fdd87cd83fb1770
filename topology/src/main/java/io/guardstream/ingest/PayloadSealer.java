package io.guardstream.ingest;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals dead-letter payloads with AES-256-GCM so that a rejected prompt (with whatever PII or token
 * it holds) can be replayed after a fix by whoever holds the key, and read by no one else. Output:
 * base64 of nonce (12 bytes) followed by ciphertext and tag; the origin is bound as associated data.
 */
public final class PayloadSealer {

  public static final String ALGORITHM = "AES-256-GCM";
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final SecretKeySpec key;
  private final String keyId;
  private final SecureRandom random = new SecureRandom();

  public PayloadSealer(byte[] key256) {
    if (key256.length != 32) {
      throw new IllegalArgumentException("AES-256 needs a 32-byte key");
    }
    this.key = new SecretKeySpec(key256, "AES");
    // identifies which key sealed a payload without revealing it
    this.keyId = HexFormat.of().formatHex(sha256(key256), 0, 4);
  }

  public String keyId() {
    return keyId;
  }

  public String seal(byte[] payload, String origin) {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(origin.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(payload);
      return Base64.getEncoder().encodeToString(ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is required of every JVM", e);
    }
  }

  /** Opens a sealed payload; fails if the key, the origin or any byte differs. */
  public byte[] open(String sealed, String origin) throws GeneralSecurityException {
    byte[] bytes = Base64.getDecoder().decode(sealed);
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
    cipher.updateAAD(origin.getBytes(StandardCharsets.UTF_8));
    return cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES);
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
