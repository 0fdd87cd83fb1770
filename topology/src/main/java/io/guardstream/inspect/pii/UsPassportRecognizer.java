package io.guardstream.inspect.pii;

import java.util.List;

/**
 * US passport numbers: nine digits (books issued before 2021) or one letter and eight digits (the
 * current format). Both shapes are common for any id, so a number counts only with "passport"
 * nearby.
 */
public final class UsPassportRecognizer implements EntityRecognizer {

  public static final String TYPE = "US_PASSPORT";
  private static final double SCORE = 0.8;
  private static final ContextWords CONTEXT = ContextWords.of("passport", "passports");

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public boolean mightMatch(TextProfile profile) {
    return profile.longestDigitRun() >= 8 && profile.letters() >= 8; // eight digits in a row at least
  }

  @Override
  public void detect(String text, TextProfile profile, List<Candidate> out) {
    if (UrlRecognizer.indexOfIgnoreCase(text, "passport", 0) < 0) {
      return;
    }
    int n = text.length();
    for (int i = 0; i + 9 <= n; i++) {
      if (!Chars.isAsciiAlnum(text.charAt(i)) || !Chars.wordStartsAt(text, i)) {
        continue;
      }
      int end = i;
      while (end < n && Chars.isAsciiAlnum(text.charAt(end))) {
        end++;
      }
      if (end - i == 9 && Chars.wordEndsAt(text, end) && validate(text.subSequence(i, end))
          && CONTEXT.near(text, i, end, 40, 15)) {
        out.add(new Candidate(TYPE, i, end, SCORE));
      }
      i = end;
    }
  }

  /** Nine digits, or one ASCII letter and eight digits; not one digit repeated. */
  @Override
  public boolean validate(CharSequence number) {
    if (number.length() != 9) {
      return false;
    }
    int from = Chars.isAsciiLetter(number.charAt(0)) ? 1 : 0;
    boolean varied = false;
    for (int i = from; i < 9; i++) {
      char c = number.charAt(i);
      if (!Chars.isDigit(c)) {
        return false;
      }
      varied |= c != number.charAt(from);
    }
    return varied;
  }
}
