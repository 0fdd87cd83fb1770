package io.guardstream.inspect.pii;

import java.util.Arrays;
import java.util.Locale;

/**
 * A text cut into words, numbers, line breaks, commas and other punctuation; spaces are dropped.
 * Words keep inner apostrophes and hyphens (d'Ivoire, Guinea-Bissau) and record whether a '.'
 * follows them (Apt., St.). Arrays grow as needed; one instance serves one scan.
 */
final class WordTokens {

  static final byte WORD = 1;
  static final byte NUMBER = 2;
  static final byte NEWLINE = 3;
  static final byte COMMA = 4;
  static final byte PUNCT = 5;

  final String text;
  int size;
  int[] start = new int[64];
  int[] end = new int[64];
  byte[] kind = new byte[64];
  private String[] lower = new String[64];

  WordTokens(String text) {
    this.text = text;
    int n = text.length();
    int i = 0;
    while (i < n) {
      char c = text.charAt(i);
      if (c == ' ' || c == '\t' || c == '\r' || c == '\u00a0') {
        i++;
      } else if (c == '\n') {
        add(i, i + 1, NEWLINE);
        i++;
      } else if (c == ',') {
        add(i, i + 1, COMMA);
        i++;
      } else if (Chars.isDigit(c)) {
        int e = i;
        while (e < n && Chars.isDigit(text.charAt(e))) {
          e++;
        }
        add(i, e, NUMBER);
        i = e;
      } else if (Character.isLetter(c)) {
        int e = i + 1;
        while (e < n && (Character.isLetter(text.charAt(e)) || Character.getType(text.charAt(e)) == Character.NON_SPACING_MARK
            || (isJoiner(text.charAt(e)) && e + 1 < n && Character.isLetter(text.charAt(e + 1))))) {
          e++;
        }
        add(i, e, WORD);
        i = e;
      } else {
        add(i, i + 1, PUNCT);
        i++;
      }
    }
  }

  private static boolean isJoiner(char c) {
    return c == '\'' || c == '-' || c == '\u2019';
  }

  private void add(int s, int e, byte k) {
    if (size == start.length) {
      int cap = size * 2;
      start = Arrays.copyOf(start, cap);
      end = Arrays.copyOf(end, cap);
      kind = Arrays.copyOf(kind, cap);
      lower = Arrays.copyOf(lower, cap);
    }
    start[size] = s;
    end[size] = e;
    kind[size] = k;
    size++;
  }

  boolean is(int t, byte k) {
    return t >= 0 && t < size && kind[t] == k;
  }

  /** Lower-case text of token t, computed once. */
  String lower(int t) {
    String l = lower[t];
    if (l == null) {
      l = text.substring(start[t], end[t]).toLowerCase(Locale.ROOT);
      lower[t] = l;
    }
    return l;
  }

  int length(int t) {
    return end[t] - start[t];
  }

  /** The punctuation character of token t, or 0 when t is not punctuation or out of range. */
  char punct(int t) {
    return is(t, PUNCT) ? text.charAt(start[t]) : 0;
  }

  /** True when a '.' directly follows token t. */
  boolean dotAfter(int t) {
    return end[t] < text.length() && text.charAt(end[t]) == '.';
  }

  /**
   * True when one or two spaces separate token t from token t + 1: words of one address are
   * written with single spaces, while "38Avenue" is glued and "Fight Club     12" is a table.
   */
  boolean spaceBetween(int t) {
    if (t + 1 >= size) {
      return false;
    }
    int gap = start[t + 1] - end[t];
    if (gap < 1 || gap > 2) {
      return false;
    }
    for (int i = end[t]; i < start[t + 1]; i++) {
      char c = text.charAt(i);
      if (c != ' ' && c != '\t' && c != '\u00a0') {
        return false;
      }
    }
    return true;
  }

  boolean capitalised(int t) {
    return is(t, WORD) && Character.isUpperCase(text.charAt(start[t]));
  }

  boolean allUpper(int t) {
    for (int i = start[t]; i < end[t]; i++) {
      if (Character.isLowerCase(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
