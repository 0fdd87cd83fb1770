package io.guardstream.inspect.injection;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds instructions smuggled past keyword filters in an encoding the model can read: base64, hex,
 * 8-bit binary, ROT13, reversed text, and numeric escapes. Each decoded payload that reads as text
 * is handed back to be scanned like the prompt itself.
 *
 * <p>Cost is bounded: at most {@link #MAX_PAYLOADS} payloads of at most {@link #MAX_DECODED_CHARS}
 * characters each are decoded per text, whatever its length. Stateless and thread-safe.
 */
final class EncodedPayloads {

  static final int MAX_PAYLOADS = 4;
  static final int MAX_DECODED_CHARS = 8 * 1024;

  /** Candidate runs tried per text, decodable or not, so noise cannot buy unbounded work. */
  private static final int MAX_ATTEMPTS = 32;

  /** Shorter base64 runs decode to fewer than 12 bytes: too short for an instruction. */
  private static final int MIN_BASE64_RUN = 16;

  private static final int MIN_HEX_RUN = 24;

  /** Fewer bytes than this spelled out in hex or binary are not an instruction. */
  private static final int MIN_SPELLED_BYTES = 8;

  /**
   * The shortest text either spelled form can take: eight hex pairs with seven separators; eight
   * bytes in binary take 64 digits.
   */
  static final int MIN_SPELLED_RUN = 3 * MIN_SPELLED_BYTES - 1;

  private static final Pattern ESCAPES =
      Pattern.compile(
          "\\\\u([0-9a-fA-F]{4})|\\\\x([0-9a-fA-F]{2})|&#x([0-9a-fA-F]{1,6});|&#([0-9]{1,7});");

  /**
   * Attack words as they appear after ROT13 ({@code vtaber} is "ignore") and reversed ({@code
   * snoitcurtsni} is "instructions"); meaningless otherwise, so one of them is reason to decode.
   */
  static final List<String> ROT13_TELLS =
      List.of(
          "vtaber", "qvfertneq", "vafgehpgvbaf", "cnffjbeq", "flfgrz", "cebzcg", "frperg",
          "cerivbhf");

  static final List<String> REVERSED_TELLS =
      List.of("erongi", "snoitcurtsni", "tpmorp", "drowssap", "suoiverp", "dragersid", "terces");

  /**
   * @param encoding {@code base64}, {@code hex}, {@code binary}, {@code rot13}, {@code reversed} or
   *     {@code escapes}
   * @param text the decoded payload, not yet normalised
   */
  record Payload(String encoding, String text) {}

  /**
   * @param stripped the prompt with invisible characters removed, in its original case
   * @param lower the normalised lowercase prompt
   */
  List<Payload> find(String stripped, String lower) {
    return find(stripped, lower, containsAny(lower, ROT13_TELLS), containsAny(lower, REVERSED_TELLS));
  }

  /**
   * As {@link #find(String, String)}, with the tell searches done by the caller: the detector's
   * anchor automaton has already read {@code lower} and knows whether any tell occurs in it.
   *
   * @param rot13Tell whether {@code lower} contains one of {@link #ROT13_TELLS}
   * @param reversedTell whether {@code lower} contains one of {@link #REVERSED_TELLS}
   */
  List<Payload> find(String stripped, String lower, boolean rot13Tell, boolean reversedTell) {
    List<Payload> out = new ArrayList<>(2);
    int[] runs = new int[2 * MAX_ATTEMPTS];
    int longestSpelled = scan(stripped, runs);
    decodeBase64AndHex(stripped, runs, out);
    if (longestSpelled >= MIN_SPELLED_RUN) {
      findSpacedHex(stripped, out);
      findBinary(stripped, out);
    }
    if (out.size() < MAX_PAYLOADS && rot13Tell) {
      out.add(new Payload("rot13", rot13(head(lower))));
    }
    if (out.size() < MAX_PAYLOADS && reversedTell) {
      out.add(new Payload("reversed", new StringBuilder(head(lower)).reverse().toString()));
    }
    if (out.size() < MAX_PAYLOADS
        && (stripped.contains("\\u") || stripped.contains("\\x") || stripped.contains("&#"))) {
      String unescaped = unescape(head(stripped));
      if (unescaped != null) {
        out.add(new Payload("escapes", unescaped));
      }
    }
    return out;
  }

  private static String head(String s) {
    return s.length() <= MAX_DECODED_CHARS ? s : s.substring(0, MAX_DECODED_CHARS);
  }

  private static boolean containsAny(String text, List<String> needles) {
    for (String needle : needles) {
      if (text.contains(needle)) {
        return true;
      }
    }
    return false;
  }

  /** Character kinds for {@link #scan}, one table read per character. */
  private static final byte[] ASCII_KIND = new byte[128];

  private static final byte BASE64 = 1;
  private static final byte SPELLED = 2;

  static {
    for (char c = 0; c < 128; c++) {
      boolean spelled = isHexDigit(c) || c == ' ' || c == ':' || c == ',';
      ASCII_KIND[c] = (byte) ((isBase64Char(c) ? BASE64 : 0) | (spelled ? SPELLED : 0));
    }
  }

  /**
   * One pass over the prompt for both cheap tests. It records the first {@link #MAX_ATTEMPTS}
   * runs of base64 characters long enough to decode ({@code runs[2k]} start, {@code runs[2k + 1]}
   * end; -1 after the last), and measures the longest run of hex digits, spaces, colons and
   * commas: spaced hex and binary payloads are made of nothing else, and prose almost never holds
   * {@link #MIN_SPELLED_RUN} of them in a row, so the two decoders' scans are spared for most texts.
   *
   * @return the length of the longest spelled run
   */
  private static int scan(String s, int[] runs) {
    Arrays.fill(runs, -1);
    int found = 0;
    int longest = 0;
    int spelled = 0;
    int base64From = -1;
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      int kind = c < 128 ? ASCII_KIND[c] : 0;
      if ((kind & SPELLED) != 0) {
        longest = Math.max(longest, ++spelled);
      } else {
        spelled = 0;
      }
      if ((kind & BASE64) != 0) {
        base64From = base64From < 0 ? i : base64From;
      } else if (base64From >= 0) {
        found = recordRun(runs, found, base64From, i);
        base64From = -1;
      }
    }
    if (base64From >= 0) {
      recordRun(runs, found, base64From, n);
    }
    return longest;
  }

  private static int recordRun(int[] runs, int found, int start, int end) {
    if (end - start < MIN_BASE64_RUN || found == MAX_ATTEMPTS) {
      return found;
    }
    runs[2 * found] = start;
    runs[2 * found + 1] = end;
    return found + 1;
  }

  private static void decodeBase64AndHex(String s, int[] runs, List<Payload> out) {
    for (int r = 0; r < MAX_ATTEMPTS && runs[2 * r] >= 0 && out.size() < MAX_PAYLOADS; r++) {
      int start = runs[2 * r];
      int end = runs[2 * r + 1];
      String run = s.substring(start, Math.min(end, start + 4 * MAX_DECODED_CHARS / 3));
      String decoded = isHex(run) ? decodeHex(run) : decodeBase64(run);
      if (decoded != null) {
        out.add(new Payload(isHex(run) ? "hex" : "base64", decoded));
      }
    }
  }

  /** {@code 49 67 6e 6f 72 65}: hex byte pairs separated by one space, colon or comma. */
  private static void findSpacedHex(String s, List<Payload> out) {
    int n = s.length();
    int i = 0;
    while (i + 1 < n && out.size() < MAX_PAYLOADS) {
      int j = i;
      int pairs = 0;
      while (j + 1 < n
          && isHexDigit(s.charAt(j))
          && isHexDigit(s.charAt(j + 1))
          && (j + 2 == n || !isHexDigit(s.charAt(j + 2)))
          && (j == 0 || pairs > 0 || !isHexDigit(s.charAt(j - 1)))) {
        pairs++;
        j += 2;
        if (j < n && (s.charAt(j) == ' ' || s.charAt(j) == ':' || s.charAt(j) == ',')) {
          j++;
        } else {
          break;
        }
      }
      if (pairs >= MIN_SPELLED_BYTES) {
        String decoded =
            decodeHex(digitsOnly(s.substring(i, Math.min(j, i + 3 * MAX_DECODED_CHARS))));
        if (decoded != null) {
          out.add(new Payload("hex", decoded));
        }
      }
      i = pairs > 0 ? j : i + 1;
    }
  }

  /** {@code 01001001 01100111 ...}: 8-bit groups, optionally separated by a space or comma. */
  private static void findBinary(String s, List<Payload> out) {
    int n = s.length();
    int i = 0;
    while (i < n && out.size() < MAX_PAYLOADS) {
      char c = s.charAt(i);
      if (c != '0' && c != '1') {
        i++;
        continue;
      }
      int j = i;
      int bits = 0;
      while (j < n) {
        char d = s.charAt(j);
        if (d == '0' || d == '1') {
          bits++;
        } else if (d != ' ' && d != ',') {
          break;
        }
        j++;
      }
      if (bits >= 8 * MIN_SPELLED_BYTES && bits % 8 == 0) {
        String bitsOnly = digitsOnly(s.substring(i, j));
        String decoded =
            decodeBinary(bitsOnly.substring(0, Math.min(bitsOnly.length(), 8 * MAX_DECODED_CHARS)));
        if (decoded != null) {
          out.add(new Payload("binary", decoded));
        }
      }
      i = j;
    }
  }

  private static boolean isHexDigit(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  private static String digitsOnly(String group) {
    StringBuilder digits = new StringBuilder(group.length());
    for (int i = 0; i < group.length(); i++) {
      char c = group.charAt(i);
      if (Character.digit(c, 16) >= 0) {
        digits.append(c);
      }
    }
    return digits.toString();
  }

  private static boolean isBase64Char(char c) {
    return (c >= 'A' && c <= 'Z')
        || (c >= 'a' && c <= 'z')
        || (c >= '0' && c <= '9')
        || c == '+'
        || c == '/'
        || c == '-'
        || c == '_';
  }

  private static boolean isHex(String run) {
    if (run.length() < MIN_HEX_RUN || run.length() % 2 != 0) {
      return false;
    }
    for (int i = 0; i < run.length(); i++) {
      if (Character.digit(run.charAt(i), 16) < 0) {
        return false;
      }
    }
    return true;
  }

  private static String decodeBase64(String run) {
    String canonical = run.replace('-', '+').replace('_', '/');
    int usable = canonical.length() - canonical.length() % 4;
    if (canonical.length() % 4 == 1) {
      canonical = canonical.substring(0, usable);
    } else if (canonical.length() % 4 != 0) {
      canonical = canonical + "==".substring(0, 4 - canonical.length() % 4);
    }
    try {
      return readableText(Base64.getDecoder().decode(canonical));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String decodeHex(String digits) {
    byte[] bytes = new byte[digits.length() / 2];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) Integer.parseInt(digits, 2 * i, 2 * i + 2, 16);
    }
    return readableText(bytes);
  }

  private static String decodeBinary(String bits) {
    byte[] bytes = new byte[bits.length() / 8];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) Integer.parseInt(bits, 8 * i, 8 * i + 8, 2);
    }
    return readableText(bytes);
  }

  /**
   * Strict UTF-8 that reads as language: no control characters, mostly letters and spaces, and at
   * least one space (an instruction is a sentence; a random token or a hash is not).
   */
  private static String readableText(byte[] bytes) {
    String text = null;
    // A payload cut off mid-character (a truncated document) is still worth reading.
    for (int drop = 0; text == null && drop <= 3 && drop < bytes.length; drop++) {
      text = strictUtf8(bytes, bytes.length - drop);
    }
    if (text == null) {
      return null;
    }
    int letters = 0;
    int spaces = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isLetter(c)) {
        letters++;
      } else if (c == ' ') {
        spaces++;
      } else if (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t') {
        return null;
      }
    }
    boolean language = spaces > 0 && letters + spaces >= 0.75 * text.length();
    return language ? head(text) : null;
  }

  private static String strictUtf8(byte[] bytes, int length) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, 0, length))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  private static String rot13(String s) {
    char[] out = s.toCharArray();
    for (int i = 0; i < out.length; i++) {
      char c = out[i];
      if (c >= 'a' && c <= 'z') {
        out[i] = (char) ('a' + (c - 'a' + 13) % 26);
      }
    }
    return new String(out);
  }

  /** Decodes {@code \\uXXXX}, {@code \\xXX} and HTML numeric entities when there are several. */
  private static String unescape(String s) {
    Matcher m = ESCAPES.matcher(s);
    StringBuilder out = new StringBuilder(s.length());
    int count = 0;
    while (m.find()) {
      int radix = m.group(4) != null ? 10 : 16;
      String digits =
          m.group(1) != null
              ? m.group(1)
              : m.group(2) != null ? m.group(2) : m.group(3) != null ? m.group(3) : m.group(4);
      int cp = Integer.parseInt(digits, radix);
      String replacement = Character.isValidCodePoint(cp) ? new String(Character.toChars(cp)) : "";
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
      count++;
    }
    m.appendTail(out);
    return count >= 4 ? out.toString() : null;
  }
}
