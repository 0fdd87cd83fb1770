package io.guardstream.inspect.pii.secret;

import io.guardstream.inspect.pii.Candidate;
import io.guardstream.inspect.pii.Chars;
import io.guardstream.inspect.pii.EntityRecognizer;
import io.guardstream.inspect.pii.TextProfile;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Base64 text that decodes to key material rather than to readable text:
 *
 * <ul>
 *   <li>a line of binary base64, 40 to 100 characters long: what a PEM or OpenSSH key body, a
 *       wrapped DER key or a raw symmetric key looks like once its armour lines are cut off. Base64
 *       that decodes to mostly printable text (an encoded prompt, a config file) is left alone, so
 *       "decode this base64" requests pass;
 *   <li>an Atlassian (Jira, Confluence) personal access token: base64 of a 12-digit id, ':' and
 *       random bytes.
 * </ul>
 *
 * The first is weaker evidence than a provider prefix, hence the lower score. A key line must
 * also have the shape key material comes in: a full line of PEM (64 columns) or OpenSSH (70)
 * armour, the shorter last line of such a block (a whole number of base64 quads), or a padded raw
 * 512-bit key (88). Binary base64 of other lengths is mostly wrapped attachments (MIME wraps at 76),
 * images or data blobs, not keys. Lines that decode to the algorithm header of an encrypted
 * PKCS#8 key (PBES2, PBKDF2, HMAC and AES-CBC identifiers) are not reported either: like
 * {@code ENCRYPTED PRIVATE KEY} armour, they are useless without the passphrase. Nor are runs
 * holding 16 lower-case letters in a row, which typed filler has and encoded bytes almost never.
 *
 * <p>A body line is judged on its own: when the text holds the armour of its block, an encrypted
 * block's lines are left alone like the block; a lone line cannot be told from one of an
 * unencrypted key and is reported.
 */
public final class EncodedKeyMaterialRecognizer implements EntityRecognizer {

  public static final String TYPE = "SECRET";
  private static final double KEY_LINE_SCORE = 0.6;
  /** Formats with a fixed signature (Atlassian, Microsoft CASK) are strong evidence. */
  private static final double IDENTIFIABLE_SCORE = 0.9;
  private static final int CASK_RANDOM = 52;
  private static final int CASK_MIN = 84;
  private static final int MIN_LENGTH = 40;
  private static final int MAX_LENGTH = 100;
  /**
   * Random bytes are about 37% printable ASCII, text close to 100%; a 48-byte key line reaches
   * 60% about once in two thousand lines, so the bar sits well above that.
   */
  private static final double MAX_PRINTABLE_SHARE = 0.7;
  private static final int PEM_LINE = 64;
  private static final int OPENSSH_LINE = 70;
  private static final int RAW_512_BIT_KEY = 88;
  private static final int TYPED_RUN = 16;
  /**
   * DER object identifiers (tag, length, value) of the algorithms an encrypted PKCS#8 key names
   * in its header: PBES2 and PBKDF2 (1.2.840.113549.1.5.13/12), HMAC-SHA* PRFs (1.2.840.113549.2.x)
   * and AES-CBC (2.16.840.1.101.3.4.1.x).
   */
  private static final byte[][] ENCRYPTION_OIDS = {
    {0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x05, 0x0d},
    {0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x05, 0x0c},
    {0x06, 0x08, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x02},
    {0x06, 0x09, 0x60, (byte) 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x01},
  };

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public boolean mightMatch(TextProfile profile) {
    // a candidate is MIN_LENGTH base64 characters, at most two of them '=' padding
    return profile.letters() + profile.digits() >= MIN_LENGTH && profile.longestBase64Run() >= MIN_LENGTH - 2;
  }

  @Override
  public void detect(String text, TextProfile profile, List<Candidate> out) {
    int n = text.length();
    int[] encrypted = PrivateKeyRecognizer.encryptedBlocks(text);
    int i = 0;
    while (i < n) {
      if (!isBase64(text.charAt(i)) || (i > 0 && (isBase64(text.charAt(i - 1)) || isTokenChar(text.charAt(i - 1))))) {
        i++;
        continue;
      }
      int end = i;
      while (end < n && isBase64(text.charAt(end)) && text.charAt(end) != '=') {
        end++;
      }
      int padded = end;
      while (padded < n && padded - end < 2 && text.charAt(padded) == '=') {
        padded++;
      }
      int len = padded - i;
      boolean bounded = padded == n || !(isBase64(text.charAt(padded)) || isTokenChar(text.charAt(padded)));
      if (encrypted.length > 0 && PrivateKeyRecognizer.inRanges(encrypted, i)) {
        i = Math.max(padded, i + 1); // a line of an encrypted key's body, see PrivateKeyRecognizer
        continue;
      } else if (bounded && len >= MIN_LENGTH && isPath(text, i, padded)) {
        classifySegments(text, i, padded, out);
      } else if (bounded && len >= MIN_LENGTH && len <= MAX_LENGTH) {
        classify(text, i, padded, out);
      }
      i = Math.max(padded, i + 1);
    }
  }

  /** A run such as {@code local/token/OTI2...} is a path whose segments are judged one by one. */
  private static boolean isPath(String text, int start, int end) {
    int segmentStart = start;
    for (int i = start; i <= end; i++) {
      if (i == end || text.charAt(i) == '/') {
        int len = i - segmentStart;
        // three letters at least: random base64 holds short lower-case runs between slashes
        if (len >= 3 && len <= 12 && allLowerCase(text, segmentStart, i)) {
          return true;
        }
        segmentStart = i + 1;
      }
    }
    return false;
  }

  private static void classifySegments(String text, int start, int end, List<Candidate> out) {
    int segmentStart = start;
    for (int i = start; i <= end; i++) {
      if (i == end || text.charAt(i) == '/') {
        if (i - segmentStart >= MIN_LENGTH && i - segmentStart <= MAX_LENGTH) {
          classify(text, segmentStart, i, out);
        }
        segmentStart = i + 1;
      }
    }
  }

  private static boolean allLowerCase(String text, int from, int to) {
    for (int i = from; i < to; i++) {
      if (text.charAt(i) < 'a' || text.charAt(i) > 'z') {
        return false;
      }
    }
    return true;
  }

  private static void classify(String text, int start, int end, List<Candidate> out) {
    if (SecretValues.characterClasses(text, start, end) < 3 || SecretValues.isPlaceholder(text, start, end)) {
      return;
    }
    if (isCommonAnnotatedKey(text, start, end)) {
      out.add(new Candidate(TYPE, start, end, IDENTIFIABLE_SCORE));
      return;
    }
    int usable = (end - start) / 4 * 4;
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(text.substring(start, start + usable));
    } catch (IllegalArgumentException e) {
      return;
    }
    if (isAtlassianToken(bytes)) {
      out.add(new Candidate(TYPE, start, end, IDENTIFIABLE_SCORE));
      return;
    }
    if (!hasKeyLineLength(text, start, end) || hasTypedRun(text, start, end) || namesKeyEncryption(bytes)) {
      return;
    }
    int printable = 0;
    for (byte b : bytes) {
      if ((b >= 0x20 && b < 0x7f) || b == '\n' || b == '\r' || b == '\t') {
        printable++;
      }
    }
    if (printable < MAX_PRINTABLE_SHARE * bytes.length) {
      out.add(new Candidate(TYPE, start, end, KEY_LINE_SCORE));
    }
  }

  /** True when the run has a length wrapped or raw key material comes in (see the class comment). */
  static boolean hasKeyLineLength(String text, int start, int end) {
    int len = end - start;
    boolean padded = text.charAt(end - 1) == '=';
    return len == PEM_LINE
        || (len == OPENSSH_LINE && !padded)
        || (len < PEM_LINE && len % 4 == 0)
        || (len == RAW_512_BIT_KEY && padded);
  }

  /**
   * True for a run of {@value #TYPED_RUN} lower-case letters: keyboard mash typed into a sample
   * ({@code ...fdsbkjerfkjrekjnkerjn...}). Encoded random bytes hold one about once in 40,000 lines.
   */
  private static boolean hasTypedRun(String text, int start, int end) {
    int run = 0;
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      run = c >= 'a' && c <= 'z' ? run + 1 : 0;
      if (run >= TYPED_RUN) {
        return true;
      }
    }
    return false;
  }

  /** True when the bytes hold the identifier of a key-encryption algorithm. */
  private static boolean namesKeyEncryption(byte[] bytes) {
    for (byte[] oid : ENCRYPTION_OIDS) {
      for (int i = 0; i + oid.length <= bytes.length; i++) {
        if (Arrays.equals(bytes, i, i + oid.length, oid, 0, oid.length)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * A Microsoft "common annotated security key" (Azure storage, Cosmos DB, ... keys since 2023): 52
   * base62 characters, the signature {@code JQQJ9}, a version in {@code 9DH}, one base62 character
   * and an allocation month in {@code A-L}. A random part holding a run of eight identical
   * characters ({@code oooooooo...}) is a placeholder.
   */
  static boolean isCommonAnnotatedKey(String text, int start, int end) {
    int sig = start + CASK_RANDOM;
    if (end - start < CASK_MIN || !text.startsWith("JQQJ9", sig) || "9DH".indexOf(text.charAt(sig + 5)) < 0
        || text.charAt(sig + 7) < 'A' || text.charAt(sig + 7) > 'L') {
      return false;
    }
    int same = 0;
    for (int i = start; i < sig; i++) {
      char c = text.charAt(i);
      if (!Chars.isAsciiAlnum(c)) {
        return false;
      }
      same = i > start && c == text.charAt(i - 1) ? same + 1 : 1;
      if (same >= 8) {
        return false;
      }
    }
    return true;
  }

  private static boolean isAtlassianToken(byte[] bytes) {
    if (bytes.length < 20 || bytes[12] != ':') {
      return false;
    }
    for (int k = 0; k < 12; k++) {
      if (!Chars.isDigit((char) bytes[k])) {
        return false;
      }
    }
    return true;
  }

  private static boolean isBase64(char c) {
    return Chars.isAsciiAlnum(c) || c == '+' || c == '/' || c == '=';
  }

  /** Characters that continue an identifier or a base64url token, so no base64 token starts or ends there. */
  private static boolean isTokenChar(char c) {
    return c == '_' || c == '-' || c == '%';
  }
}
