package io.guardstream.inspect.pii;

import java.util.List;

/**
 * US Social Security numbers: AAA-GG-SSSS with one consistent separator, or nine bare digits when
 * "SSN" or "social security" is nearby. SSA never issues area 000, 666 or 900-999, group 00 or
 * serial 0000, so those are rejected, as are numbers the SSA voided after they were published.
 */
public final class UsSsnRecognizer implements EntityRecognizer {

  public static final String TYPE = "US_SSN";
  private static final double DASHED = 0.6;
  private static final double SPACED = 0.4;
  private static final double WITH_CONTEXT = 0.95;
  private static final double BARE_WITH_CONTEXT = 0.75;
  private static final ContextWords CONTEXT =
      ContextWords.of("ssn", "ssns", "ss#", "ssid", "social security", "social", "security number",
          "taxpayer", "tin", "itin");

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public boolean mightMatch(TextProfile profile) {
    return profile.digits() >= 9;
  }

  @Override
  public void detect(String text, TextProfile profile, List<Candidate> out) {
    int n = text.length();
    for (int i = 0; i + 9 <= n; i++) {
      if (!Chars.isDigit(text.charAt(i)) || !Chars.wordStartsAt(text, i)) {
        continue;
      }
      char sep = i + 3 < n ? text.charAt(i + 3) : 0;
      int end;
      if (sep == '-' || sep == ' ' || sep == '.') {
        end = i + 11;
        if (end > n || !digits(text, i, 3) || !digits(text, i + 4, 2) || text.charAt(i + 6) != sep
            || !digits(text, i + 7, 4)) {
          continue;
        }
      } else {
        sep = 0;
        end = i + 9;
        if (!digits(text, i, 9)) {
          continue;
        }
      }
      if (!Chars.wordEndsAt(text, end) || (end < n && text.charAt(end) == sep && end + 1 < n
          && Chars.isDigit(text.charAt(end + 1)))) {
        continue;
      }
      if (!validate(text.subSequence(i, end))) {
        continue;
      }
      boolean context = CONTEXT.near(text, i, end, 40, 15);
      double score;
      if (sep == 0) {
        if (!context) {
          continue; // nine bare digits are far more often an id than an SSN
        }
        score = BARE_WITH_CONTEXT;
      } else if (context) {
        score = WITH_CONTEXT;
      } else {
        score = sep == '-' ? DASHED : SPACED;
      }
      out.add(new Candidate(TYPE, i, end, score));
      i = end;
    }
  }

  private static boolean digits(String text, int from, int count) {
    for (int k = from; k < from + count; k++) {
      if (!Chars.isDigit(text.charAt(k))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean validate(CharSequence ssn) {
    StringBuilder d = new StringBuilder(9);
    for (int i = 0; i < ssn.length(); i++) {
      if (Chars.isDigit(ssn.charAt(i))) {
        d.append(ssn.charAt(i));
      }
    }
    if (d.length() != 9) {
      return false;
    }
    String s = d.toString();
    int area = Integer.parseInt(s.substring(0, 3));
    int group = Integer.parseInt(s.substring(3, 5));
    int serial = Integer.parseInt(s.substring(5));
    if (area == 0 || area == 666 || area >= 900 || group == 0 || serial == 0) {
      return false;
    }
    // 078-05-1120 was printed on a wallet insert; 219-09-9999 in an SSA ad; 123-45-6789 is the example
    return !s.equals("078051120") && !s.equals("219099999") && !s.equals("123456789")
        && !s.chars().allMatch(ch -> ch == s.charAt(0));
  }
}
