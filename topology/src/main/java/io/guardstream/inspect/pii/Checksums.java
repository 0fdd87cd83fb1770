package io.guardstream.inspect.pii;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** The check-digit algorithms that turn a digit pattern into a confident finding. */
public final class Checksums {

  private static final String BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
  private static final String BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
  private static final int BECH32_CONST = 1;
  private static final int BECH32M_CONST = 0x2bc830a3;
  private static final int[] ABA_WEIGHTS = {3, 7, 1};

  private Checksums() {}

  /** Luhn (ISO/IEC 7812-1) over the digits of {@code s}; other characters are ignored. */
  public static boolean luhn(CharSequence s) {
    int sum = 0;
    boolean doubleIt = false;
    int digits = 0;
    for (int i = s.length() - 1; i >= 0; i--) {
      char c = s.charAt(i);
      if (!Chars.isDigit(c)) {
        continue;
      }
      int d = c - '0';
      if (doubleIt) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      doubleIt = !doubleIt;
      digits++;
    }
    return digits > 0 && sum % 10 == 0;
  }

  /**
   * ISO 13616 IBAN check: move the first four characters to the end, letters become 10..35, and the
   * number mod 97 must be 1. {@code iban} holds only ASCII letters and digits.
   */
  public static boolean ibanMod97(CharSequence iban) {
    int n = iban.length();
    if (n < 5) {
      return false;
    }
    int rem = 0;
    for (int k = 0; k < n; k++) {
      char c = Character.toUpperCase(iban.charAt((k + 4) % n));
      if (Chars.isDigit(c)) {
        rem = (rem * 10 + (c - '0')) % 97;
      } else if (c >= 'A' && c <= 'Z') {
        rem = (rem * 100 + (c - 'A' + 10)) % 97;
      } else {
        return false;
      }
    }
    return rem == 1;
  }

  /**
   * ABA routing transit number check: nine digits weighted 3, 7, 1 repeating sum to a multiple of
   * 10. {@code s} must be exactly nine ASCII digits.
   */
  public static boolean abaRouting(CharSequence s) {
    if (s.length() != 9) {
      return false;
    }
    int sum = 0;
    for (int i = 0; i < 9; i++) {
      char c = s.charAt(i);
      if (!Chars.isDigit(c)) {
        return false;
      }
      sum += (c - '0') * ABA_WEIGHTS[i % 3];
    }
    return sum % 10 == 0;
  }

  /**
   * Bitcoin legacy (P2PKH, P2SH) address: base58 of version byte, 20-byte hash and a 4-byte
   * checksum that is the head of double SHA-256 over the first 21 bytes.
   */
  public static boolean base58Check(CharSequence address) {
    byte[] bytes = new byte[25];
    for (int i = 0; i < address.length(); i++) {
      int carry = BASE58.indexOf(address.charAt(i));
      if (carry < 0) {
        return false;
      }
      for (int j = bytes.length - 1; j >= 0; j--) {
        carry += 58 * (bytes[j] & 0xff);
        bytes[j] = (byte) carry;
        carry >>>= 8;
      }
      if (carry != 0) {
        return false; // longer than 25 bytes
      }
    }
    if (bytes[0] != 0x00 && bytes[0] != 0x05) {
      return false;
    }
    MessageDigest sha = sha256();
    sha.update(bytes, 0, 21);
    byte[] hash = sha.digest(sha.digest());
    for (int i = 0; i < 4; i++) {
      if (hash[i] != bytes[21 + i]) {
        return false;
      }
    }
    return true;
  }

  /** BIP-173 / BIP-350 checksum of a segwit address such as {@code bc1q...}. */
  public static boolean bech32(CharSequence address) {
    String s = address.toString();
    String lower = s.toLowerCase(java.util.Locale.ROOT);
    if (!s.equals(lower) && !s.equals(s.toUpperCase(java.util.Locale.ROOT))) {
      return false; // mixed case is invalid
    }
    int sep = lower.lastIndexOf('1');
    if (sep < 1 || sep + 7 > lower.length()) {
      return false;
    }
    byte[] hrp = lower.substring(0, sep).getBytes(StandardCharsets.US_ASCII);
    int[] values = new int[hrp.length * 2 + 1 + lower.length() - sep - 1];
    int k = 0;
    for (byte b : hrp) {
      values[k++] = (b & 0xff) >> 5;
    }
    values[k++] = 0;
    for (byte b : hrp) {
      values[k++] = b & 31;
    }
    for (int i = sep + 1; i < lower.length(); i++) {
      int v = BECH32.indexOf(lower.charAt(i));
      if (v < 0) {
        return false;
      }
      values[k++] = v;
    }
    int chk = polymod(values);
    return chk == BECH32_CONST || chk == BECH32M_CONST;
  }

  private static int polymod(int[] values) {
    int[] gen = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};
    int chk = 1;
    for (int v : values) {
      int top = chk >>> 25;
      chk = (chk & 0x1ffffff) << 5 ^ v;
      for (int i = 0; i < 5; i++) {
        if (((top >>> i) & 1) != 0) {
          chk ^= gen[i];
        }
      }
    }
    return chk;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime provides SHA-256", e);
    }
  }
}
