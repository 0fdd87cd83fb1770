package io.guardstream.inspect.pii;

import java.util.List;

/**
 * Payment card numbers (PAN): 13 to 19 digits, contiguous or in groups separated by one consistent
 * space or dash, with a known issuer prefix and a valid Luhn check digit. Twelve-digit Maestro
 * numbers count only next to a card word, since one random 12-digit id in ten passes Luhn.
 */
public final class CreditCardRecognizer implements EntityRecognizer {

  public static final String TYPE = "CREDIT_CARD";
  private static final double SCORE = 0.8;
  private static final double SCORE_WITH_CONTEXT = 1.0;
  private static final String[] MAESTRO =
      {"5018", "5020", "5038", "56", "57", "58", "6304", "6390", "6759", "6761", "6762", "6763", "0604"};
  private static final ContextWords CONTEXT =
      ContextWords.of("card", "credit", "debit", "cc", "visa", "mastercard", "amex", "discover",
          "jcb", "diners", "maestro", "pan", "payment", "pay", "billing", "cvv", "expiry");

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public boolean mightMatch(TextProfile profile) {
    return profile.digits() >= 12;
  }

  @Override
  public void detect(String text, TextProfile profile, List<Candidate> out) {
    int n = text.length();
    for (int i = 0; i < n; i++) {
      if (!Chars.isDigit(text.charAt(i)) || !Chars.wordStartsAt(text, i)) {
        continue;
      }
      int end = scanGroups(text, i);
      if (end < 0) {
        while (i + 1 < n && Chars.isDigit(text.charAt(i + 1))) {
          i++;
        }
        continue;
      }
      CharSequence pan = text.subSequence(i, end);
      boolean context = CONTEXT.near(text, i, end, 40, 20);
      boolean shortMaestro = Chars.countDigits(pan) == 12;
      if ((shortMaestro ? context && isMaestro(pan) && Checksums.luhn(pan) : validate(pan))) {
        out.add(new Candidate(TYPE, i, end, context ? SCORE_WITH_CONTEXT : SCORE));
      }
      i = end;
    }
  }

  /**
   * End of a run of 13..19 digits starting at i, grouped by one separator kind with a first group
   * of four (every major scheme prints 4-digit first groups), or -1.
   */
  private static int scanGroups(String text, int i) {
    int n = text.length();
    int pos = i;
    int digits = 0;
    int group = 0;
    int groups = 0;
    char sep = 0;
    while (pos < n) {
      char c = text.charAt(pos);
      if (Chars.isDigit(c)) {
        digits++;
        group++;
        pos++;
        if (digits > 19) {
          return -1;
        }
      } else if ((c == ' ' || c == '-') && (sep == 0 || sep == c) && pos + 1 < n
          && Chars.isDigit(text.charAt(pos + 1)) && group >= 3) {
        if (groups == 0 && group != 4) {
          return -1;
        }
        sep = c;
        groups++;
        group = 0;
        pos++;
      } else {
        break;
      }
    }
    if (digits < 12 || !Chars.wordEndsAt(text, pos)) {
      return -1;
    }
    return pos;
  }

  /** Luhn check, issuer prefix and length rules on a digit string that may hold separators. */
  @Override
  public boolean validate(CharSequence pan) {
    int digits = Chars.countDigits(pan);
    char first = pan.charAt(0);
    boolean issuer = switch (first) {
      case '3', '4', '5', '6' -> true;
      case '2' -> digits == 16 || (digits == 15 && startsWith(pan, "2131")); // Mastercard 2-series, JCB
      case '1' -> digits == 15; // UATP, JCB 1800
      default -> false;
    };
    return digits >= 13 && digits <= 19 && issuer && !allSame(pan) && Checksums.luhn(pan);
  }

  /** Maestro issuer prefixes, the only scheme that issues 12-digit cards. */
  private static boolean isMaestro(CharSequence pan) {
    for (String prefix : MAESTRO) {
      if (startsWith(pan, prefix)) {
        return true;
      }
    }
    return false;
  }

  private static boolean startsWith(CharSequence s, String prefix) {
    return s.length() >= prefix.length() && s.subSequence(0, prefix.length()).toString().equals(prefix);
  }

  private static boolean allSame(CharSequence s) {
    for (int i = 1; i < s.length(); i++) {
      if (Chars.isDigit(s.charAt(i)) && s.charAt(i) != s.charAt(0)) {
        return false;
      }
    }
    return true;
  }
}
