package io.guardstream.inspect.pii;

import java.util.List;

/**
 * Telephone numbers in US and international formats. A number is parsed into digit groups and
 * separators and judged by its shape:
 *
 * <ul>
 *   <li>strong shapes stand alone: a leading '+', the North American 3-3-4 plan (optionally after
 *       1 or 001), an extension, or a trunk-prefixed national number (0...) in several groups;
 *   <li>any other grouping of 6 to 15 digits, or a bare run of 7 to 15, is a phone only when a
 *       phone word ("call", "mobile", "fax"...) is on the same line.
 * </ul>
 *
 * Dates, SSN-shaped and IP-shaped groups are left to their own recognisers, and a number right after
 * "order", "invoice", "account" and similar words is not treated as a phone without a strong shape,
 * because order and reference numbers are the usual false positive.
 *
 * <p>A candidate that passes these cheap tests is then parsed with libphonenumber
 * ({@link PhoneNumberCheck}): one that no region's numbering plan could dial is dropped, and one that
 * is a valid number of a plan (an assigned area code or mobile range) scores at least
 * {@value #VALIDATED}. Only the first {@value #MAX_CHECKS_PER_TEXT} candidates of a text are parsed.
 */
public final class PhoneRecognizer implements EntityRecognizer {

  public static final String TYPE = "PHONE_NUMBER";
  private static final double STRONG = 0.6;
  private static final double TRUNK = 0.5;
  private static final double WEAK_WITH_CONTEXT = 0.6;
  private static final double STRONG_WITH_CONTEXT = 0.9;
  static final double VALIDATED = 0.75;
  private static final int MAX_GROUPS = 8;
  /**
   * libphonenumber costs 10 to 60 µs a candidate; past this many in one text (a pasted table of
   * numbers) candidates are judged by shape alone, which only ever masks more, so cost stays bounded.
   */
  static final int MAX_CHECKS_PER_TEXT = 16;

  private static final ContextWords CONTEXT = ContextWords.onSameLine(
      "phone", "telephone", "tel", "mobile", "cell", "cellphone", "fax", "call", "calling", "reach",
      "contact", "text me", "sms", "whatsapp", "desk", "office", "landline", "dial", "ring", "number",
      "home", "work", "messages to", "hotline", "tel.", "ph", "mob");
  private static final ContextWords NOT_PHONE = ContextWords.onSameLine(
      "order", "invoice", "account", "acct", "tracking", "reference", "ref", "case", "ticket",
      "serial", "model", "part", "id", "policy", "zip", "postal", "isbn", "routing", "iban", "card",
      "ssn", "license", "licence", "passport", "transaction", "confirmation", "po", "receipt", "sku");

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public boolean mightMatch(TextProfile profile) {
    return profile.digits() >= 6;
  }

  @Override
  public void detect(String text, TextProfile profile, List<Candidate> out) {
    int n = text.length();
    int[] groups = new int[MAX_GROUPS];
    int[] checksLeft = {MAX_CHECKS_PER_TEXT};
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (!(Chars.isDigit(c) || c == '+' || c == '(') || !startsNumber(text, i)) {
        continue;
      }
      int end = parse(text, i, groups, checksLeft, out);
      if (end > i) {
        i = end;
      } else {
        while (i + 1 < n && Chars.isDigit(text.charAt(i + 1))) {
          i++;
        }
      }
    }
  }

  /** A number starts after a non-word character, or after a colon or comma that follows no digit. */
  private static boolean startsNumber(String text, int i) {
    if (i == 0) {
      return true;
    }
    char prev = text.charAt(i - 1);
    if (prev == ':' || prev == ',') {
      return i >= 2 && !Character.isDigit(text.charAt(i - 2)); // not "12:30" nor "1,234,567"
    }
    return !Character.isLetterOrDigit(prev) && "+.-/_".indexOf(prev) < 0;
  }

  /** Parses a number at i and adds a candidate when its shape qualifies; returns the end or -1. */
  private static int parse(String text, int i, int[] groups, int[] checksLeft, List<Candidate> out) {
    int n = text.length();
    int pos = i;
    boolean plus = false;
    if (text.charAt(pos) == '+') {
      plus = true;
      pos++;
    }
    int groupCount = 0;
    int digits = 0;
    int separators = 0; // bit set: 1 space, 2 dot, 4 dash
    boolean parens = false;
    boolean trunkParens = false;
    while (pos < n && groupCount < MAX_GROUPS) {
      boolean inParens = text.charAt(pos) == '(';
      if (inParens) {
        pos++;
      }
      int digitStart = pos;
      while (pos < n && Chars.isDigit(text.charAt(pos))) {
        pos++;
      }
      int len = pos - digitStart;
      if (len == 0 || len > 12) {
        return -1;
      }
      if (inParens) {
        if (pos >= n || text.charAt(pos) != ')' || len > 5) {
          return -1;
        }
        parens = true;
        trunkParens |= len == 1 && text.charAt(digitStart) == '0';
        pos++;
      }
      groups[groupCount++] = len;
      digits += trunkParens && len == 1 && inParens ? 0 : len;
      if (pos >= n) {
        break;
      }
      char c = text.charAt(pos);
      boolean nextIsGroup = pos + 1 < n && (Chars.isDigit(text.charAt(pos + 1)) || text.charAt(pos + 1) == '(');
      if (inParens && Chars.isDigit(c)) {
        continue; // "(0)85" or "(978)645"
      }
      if ((c == ' ' || c == '.' || c == '-') && nextIsGroup) {
        separators |= c == ' ' ? 1 : c == '.' ? 2 : 4;
        pos++;
        continue;
      }
      break;
    }
    if (pos > i && !Chars.isDigit(text.charAt(pos - 1)) && text.charAt(pos - 1) != ')') {
      return -1;
    }
    int end = pos;
    int extEnd = extension(text, end);
    boolean hasExtension = extEnd > end;
    int finalEnd = hasExtension ? extEnd : end;
    if (!Chars.wordEndsAt(text, finalEnd) || (finalEnd < n && text.charAt(finalEnd) == '-'
        && finalEnd + 1 < n && Chars.isDigit(text.charAt(finalEnd + 1)))) {
      return -1;
    }
    if (digits < 6 || digits > 15 || looksLikeOtherEntity(groups, groupCount, separators, parens, plus)) {
      return finalEnd;
    }
    Shape shape = shape(text, i, groups, groupCount, digits, separators, parens, plus, hasExtension, trunkParens);
    boolean context = CONTEXT.near(text, i, finalEnd, 30, 14);
    boolean vetoed = NOT_PHONE.before(text, i, 25);
    double score;
    if (shape == Shape.STRONG) {
      score = context && !vetoed ? STRONG_WITH_CONTEXT : STRONG;
    } else if (shape == Shape.TRUNK) {
      score = context && !vetoed ? STRONG_WITH_CONTEXT : TRUNK;
      if (vetoed) {
        return finalEnd;
      }
    } else if (context && !vetoed && (groupCount > 1 ? digits >= 6 : digits >= 7)) {
      score = WEAK_WITH_CONTEXT;
    } else {
      return finalEnd;
    }
    PhoneNumberCheck.Result checked = checksLeft[0]-- > 0
        ? PhoneNumberCheck.check(text.subSequence(i, finalEnd)) : PhoneNumberCheck.Result.POSSIBLE;
    if (checked == PhoneNumberCheck.Result.IMPOSSIBLE) {
      return finalEnd;
    }
    out.add(new Candidate(TYPE, i, finalEnd, checked == PhoneNumberCheck.Result.VALID ? Math.max(score, VALIDATED) : score));
    return finalEnd;
  }

  private enum Shape { STRONG, TRUNK, WEAK }

  private static Shape shape(String text, int i, int[] groups, int count, int digits, int separators,
      boolean parens, boolean plus, boolean extension, boolean trunkParens) {
    boolean oneSeparatorKind = Integer.bitCount(separators) <= 1;
    if (plus) {
      return digits >= 8 ? Shape.STRONG : Shape.WEAK;
    }
    if (extension && digits >= 7 && count >= 2) {
      return Shape.STRONG;
    }
    if (isNorthAmerican(text, i, groups, count, separators, parens)) {
      return Shape.STRONG;
    }
    if (trunkParens) {
      return Shape.STRONG;
    }
    if (text.charAt(i) == '0' && count >= 2 && digits >= 9 && digits <= 12 && oneSeparatorKind) {
      return Shape.TRUNK; // national numbers start with a trunk 0; ids rarely do and are rarely grouped
    }
    return Shape.WEAK;
  }

  /** NXX-NXX-XXXX, (NXX) NXX-XXXX, optionally after 1 or 001 (the US international prefix). */
  private static boolean isNorthAmerican(String text, int i, int[] groups, int count, int separators,
      boolean parens) {
    if (count < 3 || groups[count - 1] != 4 || groups[count - 2] != 3 || groups[count - 3] != 3) {
      return false;
    }
    if (count == 4) {
      int lead = groups[0];
      boolean one = lead == 1 && text.charAt(i) == '1';
      boolean zeroZeroOne = lead == 3 && text.startsWith("001", i);
      if (!one && !zeroZeroOne) {
        return false;
      }
    } else if (count != 3) {
      return false;
    }
    int kinds = Integer.bitCount(separators);
    return kinds == 1 || (kinds == 0 && parens) || (parens && kinds <= 2);
  }

  /** Dates, SSNs and dotted quads have their own recognisers (or are not PII at all). */
  private static boolean looksLikeOtherEntity(int[] g, int count, int separators, boolean parens,
      boolean plus) {
    if (plus || parens) {
      return false;
    }
    boolean dash = separators == 4;
    boolean dot = separators == 2;
    if (count == 3 && (dash || dot || separators == 1) && g[0] == 3 && g[1] == 2 && g[2] == 4) {
      return true; // AAA-GG-SSSS
    }
    if (count == 3 && (dash || dot) && ((g[0] == 4 && g[1] <= 2 && g[2] <= 2)
        || (g[0] <= 2 && g[1] <= 2 && g[2] == 4))) {
      return true; // 2024-01-31, 31.01.2024
    }
    if (count == 4 && dot && g[0] <= 3 && g[1] <= 3 && g[2] <= 3 && g[3] <= 3) {
      return true; // 192.168.0.1
    }
    return count == 2 && dot; // a decimal number
  }

  /** End of an extension such as "x123", " ext. 123" or " ext 123" after a number, else end. */
  private static int extension(String text, int end) {
    int n = text.length();
    int pos = end;
    if (pos < n && text.charAt(pos) == ' ') {
      pos++;
    }
    if (pos < n && (text.charAt(pos) == 'x' || text.charAt(pos) == 'X')) {
      pos++;
    } else if (text.regionMatches(true, pos, "ext", 0, 3)) {
      pos += 3;
      if (pos < n && text.charAt(pos) == '.') {
        pos++;
      }
      if (pos < n && text.charAt(pos) == ' ') {
        pos++;
      }
    } else {
      return end;
    }
    int digitStart = pos;
    while (pos < n && Chars.isDigit(text.charAt(pos)) && pos - digitStart < 6) {
      pos++;
    }
    if (pos == digitStart || (pos < n && Chars.isDigit(text.charAt(pos)))) {
      return end;
    }
    return pos;
  }
}
