package io.guardstream.inspect.pii;

/** Character classes the recognisers share; ASCII-only where a format is ASCII-only. */
public final class Chars {

  private Chars() {}

  public static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  public static boolean isAsciiLetter(char c) {
    return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
  }

  public static boolean isAsciiAlnum(char c) {
    return isDigit(c) || isAsciiLetter(c);
  }

  public static boolean isHex(char c) {
    return isDigit(c) || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f');
  }

  /** True when position {@code i} is at the start of a word: nothing alphanumeric before it. */
  public static boolean wordStartsAt(String text, int i) {
    return i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1));
  }

  /** True when position {@code end} is at the end of a word: nothing alphanumeric at it. */
  public static boolean wordEndsAt(String text, int end) {
    return end >= text.length() || !Character.isLetterOrDigit(text.charAt(end));
  }

  public static int countDigits(CharSequence s) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      if (isDigit(s.charAt(i))) {
        n++;
      }
    }
    return n;
  }
}
