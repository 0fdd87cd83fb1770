package io.guardstream.inspect.pii;

import java.util.List;

/**
 * US bank numbers: ABA routing numbers (nine digits with a Federal Reserve prefix and a valid ABA
 * check digit) and account numbers (8 to 17 digits). Both are runs of bare digits, which in prose
 * are far more often order numbers, ids or timestamps, so each counts only with its own context
 * nearby: "routing", "ABA", "RTN", "transit" for a routing number, "account number", "acct", "bank
 * account", "checking", "savings" for an account number.
 */
public final class UsBankNumberRecognizer implements EntityRecognizer {

  public static final String TYPE = "US_BANK_NUMBER";
  private static final double ROUTING_SCORE = 0.85;
  private static final double ACCOUNT_SCORE = 0.75;
  private static final int BEFORE = 40;
  private static final int AFTER = 15;
  private static final ContextWords ROUTING =
      ContextWords.of("routing", "aba", "rtn", "transit");
  private static final ContextWords ACCOUNT =
      ContextWords.of("account number", "account no", "account #", "account#", "acct", "bank account",
          "checking", "savings");

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public boolean mightMatch(TextProfile profile) {
    return profile.longestDigitRun() >= 8; // every candidate is a run of 8 to 17 digits
  }

  @Override
  public void detect(String text, TextProfile profile, List<Candidate> out) {
    int n = text.length();
    for (int i = 0; i < n; i++) {
      if (!Chars.isDigit(text.charAt(i)) || !Chars.wordStartsAt(text, i)) {
        continue;
      }
      int end = i;
      while (end < n && Chars.isDigit(text.charAt(end))) {
        end++;
      }
      int len = end - i;
      if (len >= 8 && len <= 17 && Chars.wordEndsAt(text, end) && standsAlone(text, i, end)) {
        CharSequence digits = text.subSequence(i, end);
        if (len == 9 && validate(digits) && ROUTING.near(text, i, end, BEFORE, AFTER)) {
          out.add(new Candidate(TYPE, i, end, ROUTING_SCORE));
        } else if (!sameDigit(digits) && ACCOUNT.near(text, i, end, BEFORE, AFTER)) {
          out.add(new Candidate(TYPE, i, end, ACCOUNT_SCORE));
        }
      }
      i = end;
    }
  }

  /** Not a group of a longer number: no "-5", ".5", "/5" or ",5" glued on either side. */
  private static boolean standsAlone(String text, int start, int end) {
    return !(start >= 2 && isJoiner(text.charAt(start - 1)) && Chars.isDigit(text.charAt(start - 2)))
        && !(end + 1 < text.length() && isJoiner(text.charAt(end)) && Chars.isDigit(text.charAt(end + 1)));
  }

  private static boolean isJoiner(char c) {
    return c == '-' || c == '.' || c == '/' || c == ',' || c == ':';
  }

  private static boolean sameDigit(CharSequence s) {
    for (int i = 1; i < s.length(); i++) {
      if (s.charAt(i) != s.charAt(0)) {
        return false;
      }
    }
    return true;
  }

  /**
   * A routing number: nine digits, ABA check digit, and a first two digits the Federal Reserve
   * assigns (00-12 banks, 21-32 thrifts, 61-72 electronic, 80 traveller's cheques).
   */
  @Override
  public boolean validate(CharSequence routing) {
    if (routing.length() != 9 || !Checksums.abaRouting(routing) || sameDigit(routing)) {
      return false;
    }
    int prefix = (routing.charAt(0) - '0') * 10 + (routing.charAt(1) - '0');
    return prefix <= 12 || (prefix >= 21 && prefix <= 32) || (prefix >= 61 && prefix <= 72) || prefix == 80;
  }
}
