package io.guardstream.auth;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.zip.CRC32;

/**
 * Guardstream API keys: {@code gstk_<key id>_<secret><checksum>}. The prefix lets secret scanners
 * find leaked keys; the key id (12 base62 characters) is the registry's lookup key and is not
 * secret; the secret part (33 base62 characters, 196 bits) is never stored: the registry holds
 * the keyed hash of the whole key only ({@link KeyHasher}). The last 6 characters are a base62 CRC-32 of the rest,
 * so a mistyped or truncated key is refused before any lookup.
 */
public final class ApiKeys {

  static final String PREFIX = "gstk_";
  private static final int ID_LENGTH = 12;
  private static final int SECRET_LENGTH = 33;
  private static final int CHECKSUM_LENGTH = 6;
  private static final int BODY_LENGTH = PREFIX.length() + ID_LENGTH + 1 + SECRET_LENGTH;
  private static final char[] BASE62 =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  private ApiKeys() {}

  /** A new key, shown to its owner once; store only its {@link KeyHasher#hash(String)}. */
  public static String generate() {
    return assemble(random(ID_LENGTH), random(SECRET_LENGTH));
  }

  /** A well-formed key from its parts, checksum appended (for tools and tests that need one). */
  public static String assemble(String keyId, String secret) {
    String body = PREFIX + keyId + "_" + secret;
    if (body.length() != BODY_LENGTH || !isBase62(keyId, 0, keyId.length()) || !isBase62(secret, 0, secret.length())) {
      throw new IllegalArgumentException("a key id has 12 and a secret 33 base62 characters");
    }
    return body + checksum(body);
  }

  /** Has the key's prefix: meant as a Guardstream key, well-formed or not. */
  static boolean hasPrefix(String token) {
    return token.startsWith(PREFIX);
  }

  static boolean looksLikeKey(String token) {
    return token.length() == BODY_LENGTH + CHECKSUM_LENGTH
        && token.startsWith(PREFIX)
        && token.charAt(PREFIX.length() + ID_LENGTH) == '_'
        && isBase62(token, PREFIX.length(), PREFIX.length() + ID_LENGTH)
        && isBase62(token, PREFIX.length() + ID_LENGTH + 1, token.length())
        && token.endsWith(checksum(token.substring(0, BODY_LENGTH)));
  }

  /** CRC-32 of the body in 6 base62 characters (62^6 > 2^32). */
  private static String checksum(String body) {
    var crc = new CRC32();
    crc.update(body.getBytes(StandardCharsets.US_ASCII));
    long value = crc.getValue();
    char[] out = new char[CHECKSUM_LENGTH];
    for (int i = CHECKSUM_LENGTH - 1; i >= 0; i--) {
      out[i] = BASE62[(int) (value % 62)];
      value /= 62;
    }
    return new String(out);
  }

  /** The key id of a well-formed key (see {@link #looksLikeKey}). */
  public static String keyId(String key) {
    return key.substring(PREFIX.length(), PREFIX.length() + ID_LENGTH);
  }

  private static String random(int length) {
    char[] out = new char[length];
    for (int i = 0; i < length; i++) {
      out[i] = BASE62[RANDOM.nextInt(BASE62.length)];
    }
    return new String(out);
  }

  private static boolean isBase62(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) {
        return false;
      }
    }
    return true;
  }
}
