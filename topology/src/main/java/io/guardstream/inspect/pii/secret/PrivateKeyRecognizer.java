package io.guardstream.inspect.pii.secret;

import io.guardstream.inspect.pii.Candidate;
import io.guardstream.inspect.pii.EntityRecognizer;
import io.guardstream.inspect.pii.TextProfile;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Private keys in PEM and OpenSSH armour. When the BEGIN and END lines are both in the text the
 * whole block is one span, so the masked text keeps none of the key; a lone BEGIN or END line (a
 * key split across messages or lines) is still reported. A base64-wrapped PEM block
 * ({@code LS0tLS1CRUdJTi...}, as Kubernetes secrets hold keys) is decoded far enough to tell.
 *
 * <p>Encrypted keys ({@code ENCRYPTED PRIVATE KEY}, {@code Proc-Type: 4,ENCRYPTED}) are not
 * reported: without the passphrase they are not a usable credential.
 */
public final class PrivateKeyRecognizer implements EntityRecognizer {

  public static final String TYPE = "SECRET";
  private static final double SCORE = 0.99;
  private static final Pattern ARMOUR = Pattern.compile(
      "-----(BEGIN|END) ((?:RSA |DSA |EC |OPENSSH |PGP |SSH2 |ENCRYPTED )?PRIVATE KEY(?: BLOCK)?)-----");
  private static final String BASE64_BEGIN = "LS0tLS1CRUdJTi"; // base64 of "-----BEGIN"
  private static final int MAX_BLOCK = 16_384;
  private static final int[] NO_RANGES = new int[0];

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public boolean mightMatch(TextProfile profile) {
    return profile.letters() >= 10;
  }

  @Override
  public void detect(String text, TextProfile profile, List<Candidate> out) {
    if (text.indexOf("PRIVATE KEY") >= 0) {
      detectArmour(text, out);
    }
    for (int at = text.indexOf(BASE64_BEGIN); at >= 0; at = text.indexOf(BASE64_BEGIN, at + 1)) {
      int end = at;
      while (end < text.length() && isBase64(text.charAt(end))) {
        end++;
      }
      if (end - at >= 40 && decodesToPrivateKey(text, at, end)) {
        out.add(new Candidate(TYPE, at, end, SCORE));
        at = end - 1;
      }
    }
  }

  private static void detectArmour(String text, List<Candidate> out) {
    Matcher m = ARMOUR.matcher(text);
    int from = 0;
    while (from < text.length() && m.find(from)) {
      boolean encrypted = m.group(2).startsWith("ENCRYPTED");
      int start = m.start();
      int end = m.end();
      from = end;
      if (m.group(1).equals("BEGIN")) {
        String endLine = "-----END " + m.group(2) + "-----";
        int close = text.indexOf(endLine, end);
        int procType = text.indexOf("Proc-Type: 4,ENCRYPTED", end);
        if (close >= 0 && close - end <= MAX_BLOCK) {
          encrypted |= procType >= 0 && procType < close;
          end = close + endLine.length();
          from = end;
        } else {
          encrypted |= procType >= 0 && procType - end < 8; // the next line of a cut block
        }
      }
      if (!encrypted) {
        out.add(new Candidate(TYPE, start, end, SCORE));
      }
    }
  }

  /**
   * The [start, end) ranges of the encrypted PEM blocks in the text, flattened: from an
   * {@code ENCRYPTED PRIVATE KEY} BEGIN line, or a BEGIN line followed by
   * {@code Proc-Type: 4,ENCRYPTED}, to its END line (or to the end of the text when the block is
   * cut). Other recognisers leave the body lines inside alone, as this one leaves the block.
   */
  static int[] encryptedBlocks(String text) {
    if (text.indexOf("ENCRYPTED") < 0) {
      return NO_RANGES;
    }
    int[] ranges = NO_RANGES;
    Matcher m = ARMOUR.matcher(text);
    int from = 0;
    while (from < text.length() && m.find(from)) {
      from = m.end();
      if (!m.group(1).equals("BEGIN")) {
        continue;
      }
      String endLine = "-----END " + m.group(2) + "-----";
      int close = text.indexOf(endLine, m.end());
      int end = close >= 0 ? close + endLine.length() : text.length();
      int procType = text.indexOf("Proc-Type: 4,ENCRYPTED", m.end());
      if (m.group(2).startsWith("ENCRYPTED") || (procType >= 0 && procType < end)) {
        ranges = java.util.Arrays.copyOf(ranges, ranges.length + 2);
        ranges[ranges.length - 2] = m.start();
        ranges[ranges.length - 1] = end;
      }
      from = end;
    }
    return ranges;
  }

  static boolean inRanges(int[] ranges, int at) {
    for (int k = 0; k < ranges.length; k += 2) {
      if (at >= ranges[k] && at < ranges[k + 1]) {
        return true;
      }
    }
    return false;
  }

  private static boolean decodesToPrivateKey(String text, int start, int end) {
    int usable = Math.min(end - start, 120) / 4 * 4;
    byte[] decoded;
    try {
      decoded = Base64.getDecoder().decode(text.substring(start, start + usable));
    } catch (IllegalArgumentException e) {
      return false;
    }
    String head = new String(decoded, StandardCharsets.US_ASCII);
    return head.contains("PRIVATE") && !head.contains("ENCRYPTED");
  }

  private static boolean isBase64(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+'
        || c == '/' || c == '=';
  }
}
