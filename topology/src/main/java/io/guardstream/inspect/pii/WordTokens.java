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
  int[] start;
  int[] end;
  byte[] kind;
  private String[] lower;

  WordTokens(String text) {
    this.text = text;
    int n = text.length();
    // prose has a token every four or five chars: sized so that a prompt rarely regrows the arrays
    int capacity = Math.max(64, n / 4);
    start = new int[capacity];
    end = new int[capacity];
    kind = new byte[capacity];
    lower = new String[capacity];
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
        while (e < n && continuesWord(text, e)) {
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

  /** True when the char at e continues a word: a letter, a combining mark, or a joiner before a letter. */
  static boolean continuesWord(String text, int e) {
    char c = text.charAt(e);
    if (c < 128) {
      // most chars of most prompts: skip the Unicode tables (no ASCII char is a combining mark)
      return Chars.isAsciiLetter(c) || isJoiner(c) && e + 1 < text.length() && Character.isLetter(text.charAt(e + 1));
    }
    return Character.isLetter(c) || Character.getType(c) == Character.NON_SPACING_MARK
        || (isJoiner(c) && e + 1 < text.length() && Character.isLetter(text.charAt(e + 1)));
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
