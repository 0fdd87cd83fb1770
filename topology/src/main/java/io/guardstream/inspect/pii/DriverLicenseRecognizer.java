package io.guardstream.inspect.pii;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * US driver's licence numbers. State formats overlap with every other id (seven to fourteen
 * alphanumerics), so a number counts only right after a driver's licence phrase: "driver's
 * license number is A1234567", "DL# 12345678". A bare "license number" is as often a business or
 * software licence.
 */
public final class DriverLicenseRecognizer implements EntityRecognizer {

  public static final String TYPE = "US_DRIVER_LICENSE";
  private static final double SCORE = 0.75;
  private static final int MAX_GAP = 24;

  private static final Pattern PHRASE = Pattern.compile(
      "(?i)\\b(?:driver'?s?|driving)[ -]+licen[cs]es?\\b|\\bDL\\b");

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public boolean mightMatch(TextProfile profile) {
    return profile.digits() >= 5;
  }

  @Override
  public void detect(String text, TextProfile profile, List<Candidate> out) {
    if (UrlRecognizer.indexOfIgnoreCase(text, "licen", 0) < 0 && !hasWord(text, "DL")) {
      return;
    }
    Matcher m = PHRASE.matcher(text);
    int n = text.length();
    while (m.find()) {
      int limit = Math.min(n, m.end() + MAX_GAP);
      int pos = m.end();
      while (pos < limit) {
        while (pos < limit && !Chars.isAsciiAlnum(text.charAt(pos)) && text.charAt(pos) != '\n') {
          pos++;
        }
        if (pos >= limit || text.charAt(pos) == '\n') {
          break;
        }
        int end = pos;
        while (end < n && (Chars.isAsciiAlnum(text.charAt(end)) || (text.charAt(end) == '-'
            && end + 1 < n && Chars.isAsciiAlnum(text.charAt(end + 1))))) {
          end++;
        }
        if (validate(text.subSequence(pos, end))) {
          out.add(new Candidate(TYPE, pos, end, SCORE));
          break;
        }
        pos = end;
      }
    }
  }

  private static boolean hasWord(String text, String word) {
    for (int at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
      if (Chars.wordStartsAt(text, at) && Chars.wordEndsAt(text, at + word.length())) {
        return true;
      }
    }
    return false;
  }

  /** Five or more digits, at most three letters, 5..20 characters: the union of state formats. */
  @Override
  public boolean validate(CharSequence token) {
    int digits = 0;
    int letters = 0;
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      if (Chars.isDigit(c)) {
        digits++;
      } else if (Chars.isAsciiLetter(c)) {
        letters++;
      }
    }
    return token.length() >= 5 && token.length() <= 20 && digits >= 5 && letters <= 3;
  }
}
