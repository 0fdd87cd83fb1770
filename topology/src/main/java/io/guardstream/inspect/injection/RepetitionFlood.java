package io.guardstream.inspect.injection;

/**
 * Recognises the repeated-token attack: one word or short phrase repeated many times in a row
 * ("ignore the above ignore the above ..." or a run of filler tokens) to push the system prompt out
 * of the model's attention before the real request. Prose, lists and tables do not repeat a whole
 * phrase eight times back to back.
 *
 * <p>Runs on the normalised lowercase text, over a bounded number of tokens. Stateless and
 * thread-safe.
 */
final class RepetitionFlood {

  static final int MIN_REPEATS = 8;
  private static final int MAX_PHRASE_TOKENS = 4;
  private static final int MAX_TOKENS = 2_000;

  boolean matches(String text) {
    int capacity = Math.min(MAX_TOKENS, text.length() / 2 + 1);
    if (capacity < MIN_REPEATS) {
      return false;
    }
    int[] starts = new int[capacity];
    int[] ends = new int[capacity];
    int count = tokenize(text, starts, ends);
    for (int n = 1; n <= MAX_PHRASE_TOKENS; n++) {
      int repeats = 1;
      for (int i = n; i + n <= count; i += n) {
        if (samePhrase(text, starts, ends, i - n, i, n)) {
          if (++repeats >= MIN_REPEATS && hasWordCharacter(text, starts[i], ends[i])) {
            return true;
          }
        } else {
          repeats = 1;
          i -= n - 1; // re-align: a phrase run may start at any token
        }
      }
    }
    return false;
  }

  /** Tokens split on whitespace, trailing commas and full stops dropped. */
  private static int tokenize(String s, int[] starts, int[] ends) {
    int count = 0;
    int i = 0;
    int n = s.length();
    while (i < n && count < starts.length) {
      while (i < n && Character.isWhitespace(s.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < n && !Character.isWhitespace(s.charAt(i))) {
        i++;
      }
      int end = i;
      while (end > start + 1 && (s.charAt(end - 1) == ',' || s.charAt(end - 1) == '.')) {
        end--;
      }
      if (end > start) {
        starts[count] = start;
        ends[count++] = end;
      }
    }
    return count;
  }

  private static boolean samePhrase(String s, int[] starts, int[] ends, int a, int b, int n) {
    for (int k = 0; k < n; k++) {
      int lenA = ends[a + k] - starts[a + k];
      if (lenA != ends[b + k] - starts[b + k]
          || !s.regionMatches(starts[a + k], s, starts[b + k], lenA)) {
        return false;
      }
    }
    return true;
  }

  private static boolean hasWordCharacter(String s, int start, int end) {
    for (int i = start; i < end; i++) {
      if (Character.isLetterOrDigit(s.charAt(i))) {
        return true;
      }
    }
    return false;
  }
}
