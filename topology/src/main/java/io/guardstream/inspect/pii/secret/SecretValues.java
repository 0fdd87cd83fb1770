package io.guardstream.inspect.pii.secret;

import io.guardstream.inspect.pii.Chars;

/**
 * Judgements on a candidate secret value: is it random enough, and is it a placeholder from
 * documentation ("your-api-key", "EXAMPLE", "****", "${DB_PASSWORD}") rather than a credential.
 */
public final class SecretValues {

  /** Fragments that mark documentation values and templates, not live credentials. */
  private static final String[] PLACEHOLDER_MARKS = {
    "example", "dummy", "fake", "placeholder", "changeme", "change_me", "your_", "your-", "yourpass",
    "xxxxx", "*****", "....", "<", ">", "${", "{{", "%s", "%(", "redacted", "sample", "lorem",
    "notreal", "not_real", "insert", "replace_me",
  };

  /** The marks indexed by their first character, so a value is read once, not once per mark. */
  private static final String[][] MARKS_BY_FIRST_CHAR = new String[128][];

  static {
    for (String mark : PLACEHOLDER_MARKS) {
      char c = mark.charAt(0);
      String[] old = MARKS_BY_FIRST_CHAR[c];
      String[] grown = old == null ? new String[1] : java.util.Arrays.copyOf(old, old.length + 1);
      grown[grown.length - 1] = mark;
      MARKS_BY_FIRST_CHAR[c] = grown;
    }
  }

  private SecretValues() {}

  /** Shannon entropy in bits per character of {@code s[from, to)}. */
  public static double entropy(CharSequence s, int from, int to) {
    int n = to - from;
    if (n <= 0) {
      return 0.0;
    }
    int[] counts = new int[128];
    int other = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < 128) {
        counts[c]++;
      } else {
        other++;
      }
    }
    double h = 0.0;
    for (int count : counts) {
      if (count > 0) {
        double p = (double) count / n;
        h -= p * Math.log(p);
      }
    }
    if (other > 0) {
      double p = (double) other / n;
      h -= p * Math.log(p);
    }
    return h / Math.log(2);
  }

  /** Number of classes among lower case, upper case, digits and other printable characters. */
  public static int characterClasses(CharSequence s, int from, int to) {
    boolean lower = false;
    boolean upper = false;
    boolean digit = false;
    boolean symbol = false;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (Chars.isDigit(c)) {
        digit = true;
      } else if (Character.isLowerCase(c)) {
        lower = true;
      } else if (Character.isUpperCase(c)) {
        upper = true;
      } else if (c > ' ') {
        symbol = true;
      }
    }
    return (lower ? 1 : 0) + (upper ? 1 : 0) + (digit ? 1 : 0) + (symbol ? 1 : 0);
  }

  public static boolean isPlaceholder(CharSequence s, int from, int to) {
    if (to - from >= 4 && allSame(s, from, to)) {
      return true;
    }
    for (int i = from; i < to; i++) {
      char c = Character.toLowerCase(s.charAt(i));
      String[] marks = c < 128 ? MARKS_BY_FIRST_CHAR[c] : null;
      if (marks == null) {
        continue;
      }
      for (String mark : marks) {
        if (i + mark.length() <= to && regionEqualsIgnoreCase(s, i, mark)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean regionEqualsIgnoreCase(CharSequence s, int at, String lowerNeedle) {
    for (int k = 0; k < lowerNeedle.length(); k++) {
      if (Character.toLowerCase(s.charAt(at + k)) != lowerNeedle.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  /**
   * A random-looking token: long enough, at least two character classes and enough entropy that
   * it is not a word, a constant name or a repeated pattern.
   */
  public static boolean looksRandom(CharSequence s, int from, int to, int minLength) {
    int n = to - from;
    if (n < minLength || characterClasses(s, from, to) < 2) {
      return false;
    }
    // random base64 of length n has entropy close to log2(min(n, 64)); ask for a good share of it
    double needed = Math.min(3.0, 0.6 * Math.log(Math.min(n, 64)) / Math.log(2));
    return entropy(s, from, to) >= needed && !isPlaceholder(s, from, to)
        && !hasSequentialRun(s, from, to, 5) && !looksLikeIdentifier(s, from, to);
  }

  static boolean containsIgnoreCase(CharSequence s, int from, int to, String lowerNeedle) {
    int last = to - lowerNeedle.length();
    for (int i = from; i <= last; i++) {
      int k = 0;
      while (k < lowerNeedle.length()
          && Character.toLowerCase(s.charAt(i + k)) == lowerNeedle.charAt(k)) {
        k++;
      }
      if (k == lowerNeedle.length()) {
        return true;
      }
    }
    return false;
  }

  /**
   * True for identifiers and paths rather than secrets: lower-case words joined by '_', '-', '.'
   * or '/' with few digits ({@code attached_file_0}, {@code b/google_api_key}).
   */
  public static boolean looksLikeIdentifier(CharSequence s, int from, int to) {
    int digits = 0;
    int joiners = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (Chars.isDigit(c)) {
        digits++;
      } else if (c == '_' || c == '-' || c == '.' || c == '/') {
        joiners++;
      } else if (!(c >= 'a' && c <= 'z')) {
        return false;
      }
    }
    return joiners > 0 && digits <= 3;
  }

  /**
   * A run of {@code length} characters each one above (or below) the previous: 12345, cdefg,
   * 98765. Generated tokens almost never hold one; documentation values typed by a person often do.
   */
  public static boolean hasSequentialRun(CharSequence s, int from, int to, int length) {
    int up = 1;
    int down = 1;
    for (int i = from + 1; i < to; i++) {
      char prev = s.charAt(i - 1);
      char c = s.charAt(i);
      boolean sameKind = Chars.isAsciiAlnum(c) && Chars.isDigit(c) == Chars.isDigit(prev);
      up = sameKind && c == prev + 1 ? up + 1 : 1;
      down = sameKind && c == prev - 1 ? down + 1 : 1;
      if (up >= length || down >= length) {
        return true;
      }
    }
    return false;
  }

  private static boolean allSame(CharSequence s, int from, int to) {
    for (int i = from + 1; i < to; i++) {
      if (s.charAt(i) != s.charAt(from)) {
        return false;
      }
    }
    return true;
  }
}
