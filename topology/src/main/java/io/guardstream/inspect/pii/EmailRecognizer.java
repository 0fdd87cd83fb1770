package io.guardstream.inspect.pii;

import java.util.List;

/**
 * Email addresses, found by expanding around each '@' rather than by a regex over the whole text:
 * texts without '@' cost nothing, and the expansion is linear.
 */
public final class EmailRecognizer implements EntityRecognizer {

  public static final String TYPE = "EMAIL_ADDRESS";
  private static final double SCORE = 0.9;
  private static final int MAX_LOCAL = 64; // RFC 5321 section 4.5.3.1.1
  private static final int MAX_DOMAIN = 255;

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public boolean mightMatch(TextProfile profile) {
    return profile.hasAt();
  }

  @Override
  public void detect(String text, TextProfile profile, List<Candidate> out) {
    int n = text.length();
    for (int at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
      int start = at;
      while (start > 0 && at - start < MAX_LOCAL && isLocalChar(text.charAt(start - 1))) {
        start--;
      }
      while (start < at && text.charAt(start) == '.') {
        start++;
      }
      if (start == at || text.charAt(at - 1) == '.') {
        continue;
      }
      int end = at + 1;
      while (end < n && end - at <= MAX_DOMAIN && isDomainChar(text.charAt(end))) {
        end++;
      }
      while (end > at + 1 && (text.charAt(end - 1) == '.' || text.charAt(end - 1) == '-')) {
        end--;
      }
      end = cutGluedWord(text, at, end);
      if (validate(text.subSequence(at + 1, end))) {
        out.add(new Candidate(TYPE, start, end, SCORE));
      }
    }
  }

  /** Validates the domain part: dot-separated non-empty labels ending in an alphabetic TLD. */
  @Override
  public boolean validate(CharSequence domain) {
    int lastDot = -1;
    char prev = '.';
    for (int i = 0; i < domain.length(); i++) {
      char c = domain.charAt(i);
      if (c == '.') {
        if (prev == '.' || prev == '-') {
          return false;
        }
        lastDot = i;
      }
      prev = c;
    }
    int tldLength = domain.length() - lastDot - 1;
    if (lastDot <= 0 || tldLength < 2 || tldLength > 24) {
      return false;
    }
    for (int i = lastDot + 1; i < domain.length(); i++) {
      if (!Character.isLetter(domain.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /**
   * "ganesh@moonchaser.ioHi" lost the space before "Hi": a lower-to-upper step inside the last
   * label ends the domain when what remains before it is still a TLD.
   */
  private static int cutGluedWord(String text, int at, int end) {
    int lastDot = text.lastIndexOf('.', end - 1);
    if (lastDot <= at) {
      return end;
    }
    for (int i = lastDot + 3; i < end; i++) {
      if (Character.isUpperCase(text.charAt(i)) && Character.isLowerCase(text.charAt(i - 1))) {
        return i;
      }
    }
    return end;
  }

  private static boolean isLocalChar(char c) {
    return Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
  }

  private static boolean isDomainChar(char c) {
    return Character.isLetterOrDigit(c) || c == '.' || c == '-';
  }
}
