package io.guardstream.inspect.pii;

import java.util.Locale;
import java.util.Set;

/**
 * Shape checks a proper name must pass whatever the model says: it starts with a capital letter
 * and is not a short all-capitals acronym (API, JSON, NASA), which capitalisation features
 * otherwise read as a name.
 */
final class NameShape {

  /** Acronyms up to this length are not names; longer all-capitals runs can be ("JOHN SMITH"). */
  private static final int MAX_ACRONYM = 4;

  /**
   * Capitalised words the model reads as a lone name because Faker data never shows them
   * otherwise: months ("April", "Jan"), weekdays, honorifics without their name, and greetings or
   * answers at a line start.
   */
  private static final Set<String> NOT_NAMES = Set.of(
      "january", "jan", "february", "feb", "march", "mar", "april", "apr", "may", "june", "jun", "july", "jul",
      "august", "aug", "september", "sep", "sept", "october", "oct", "november", "nov", "december", "dec",
      "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
      "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
      "no", "yes", "yeah", "ok", "okay", "hi", "hello", "hey", "dear", "thanks", "please", "sure",
      "mr", "mrs", "ms", "miss", "dr", "prof", "sir", "madam");

  private NameShape() {}

  /** True when the span is one of the capitalised words that are never a name on their own. */
  static boolean commonWord(String text, int start, int end) {
    int e = end > start + 1 && text.charAt(end - 1) == '.' ? end - 1 : end;
    return e - start <= 9 && NOT_NAMES.contains(text.substring(start, e).toLowerCase(Locale.ROOT));
  }

  static boolean plausible(String text, int start, int end) {
    int first = start;
    while (first < end && !Character.isLetter(text.charAt(first))) {
      first++; // a zero-width mark or quote before the name
    }
    if (first == end || !Character.isUpperCase(text.charAt(first))) {
      return false;
    }
    boolean lower = false;
    for (int i = first; i < end; i++) {
      if (Character.isLowerCase(text.charAt(i))) {
        lower = true;
        break;
      }
    }
    if (commonWord(text, first, end)) {
      return false;
    }
    return lower || (end - first > MAX_ACRONYM && text.indexOf(' ', first) >= 0 && text.indexOf(' ', first) < end);
  }

  /** The end of the span without trailing words that do not start with a capital ("Korea and"). */
  static int trimEnd(String text, int start, int end) {
    int e = end;
    while (e > start) {
      int wordStart = e;
      while (wordStart > start && text.charAt(wordStart - 1) != ' ') {
        wordStart--;
      }
      if (wordStart == start || Character.isUpperCase(text.charAt(wordStart))) {
        return e;
      }
      e = wordStart;
      while (e > start && text.charAt(e - 1) == ' ') {
        e--;
      }
    }
    return end;
  }

  /** Honorifics a person span starts with when they precede the name: "Dr. Kent Jaworski". */
  private static final String[] HONORIFICS = {"Mr", "Mrs", "Ms", "Mx", "Dr", "Prof", "Miss"};

  /**
   * The start of a name grown back over the honorific right before it: the title is part of how
   * the person is named, and masking "Dr. [PERSON]" still tells a reader who is meant.
   */
  static int extendOverHonorific(String text, int start) {
    int e = start - 1;
    if (e < 2 || text.charAt(e) != ' ') {
      return start;
    }
    if (text.charAt(e - 1) == '.') {
      e--;
    }
    for (String h : HONORIFICS) {
      int s = e - h.length();
      if (s >= 0 && text.regionMatches(true, s, h, 0, h.length()) && (s == 0 || !Character.isLetter(text.charAt(s - 1)))) {
        return s;
      }
    }
    return start;
  }

  /**
   * The end of a name grown over up to two directly following capitalised words: the model often
   * stops after a first name it knows when the surname is rare ("Sarah Iwase").
   */
  static int extendOverSurname(String text, int end) {
    int n = text.length();
    for (int words = 0; words < 2; words++) {
      int s = end + 1;
      if (s >= n || text.charAt(end) != ' ' || !Character.isUpperCase(text.charAt(s))) {
        return end;
      }
      int e = s + 1;
      boolean lower = false;
      while (e < n && (Character.isLetter(text.charAt(e)) || text.charAt(e) == '\'' || text.charAt(e) == '-')) {
        lower |= Character.isLowerCase(text.charAt(e));
        e++;
      }
      if (!lower || text.charAt(e - 1) == 's' && text.charAt(e - 2) == '\'') {
        return end;
      }
      end = e;
    }
    return end;
  }
}
