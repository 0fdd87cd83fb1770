package io.guardstream.inspect.injection;

/**
 * Recognises the repeated-token attack: one word or short phrase repeated many times in a row
 * ("ignore the above ignore the above ..." or a run of filler tokens) to push the system prompt out
 * of the model's attention before the real request. Prose, lists and tables do not repeat a whole
 * phrase eight times back to back.
 *
 * <p>Runs on the normalised lowercase text, over a bounded number of tokens. Thread-safe: its
 * token buffers are per thread.
 */
final class RepetitionFlood {

  static final int MIN_REPEATS = 8;
  private static final int MAX_PHRASE_TOKENS = 4;
  private static final int MAX_TOKENS = 2_000;

  /** Token starts, ends and hashes, reused per thread: three fresh arrays per text showed in the cost. */
  private final ThreadLocal<int[][]> tokens = ThreadLocal.withInitial(() -> new int[3][MAX_TOKENS]);

  boolean matches(String text) {
    int capacity = Math.min(MAX_TOKENS, text.length() / 2 + 1);
    if (capacity < MIN_REPEATS) {
      return false;
    }
    int[][] buffers = tokens.get();
    int[] starts = buffers[0];
    int[] ends = buffers[1];
    int[] hashes = buffers[2];
    int count = tokenize(text, capacity, starts, ends, hashes);
    for (int n = 1; n <= MAX_PHRASE_TOKENS; n++) {
      int repeats = 1;
      for (int i = n; i + n <= count; i += n) {
        if (sameHashes(hashes, i - n, i, n) && samePhrase(text, starts, ends, i - n, i, n)) {
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

  /**
   * Tokens split on whitespace, trailing commas and full stops dropped, each with a hash of its
   * text, so that the phrase comparisons are integer compares and only a repeat reads the text.
   */
  private static int tokenize(String s, int capacity, int[] starts, int[] ends, int[] hashes) {
    int count = 0;
    int i = 0;
    int n = s.length();
    while (i < n && count < capacity) {
      while (i < n && TextNormalizer.isWhitespace(s.charAt(i))) {
        i++;
      }
      int start = i;
      int hash = 0;
      // the token without trailing commas and full stops, but never shorter than one character
      int kept = start + 1;
      int keptHash = 0;
      while (i < n) {
        char c = s.charAt(i);
        if (TextNormalizer.isWhitespace(c)) {
          break;
        }
        hash = 31 * hash + c;
        i++;
        if (i == start + 1 || (c != ',' && c != '.')) {
          kept = i;
          keptHash = hash;
        }
      }
      if (i > start) {
        starts[count] = start;
        ends[count] = kept;
        hashes[count++] = 31 * keptHash + (kept - start);
      }
    }
    return count;
  }

  /** Equal phrases have equal hashes: the cheap necessary condition before the text compare. */
  private static boolean sameHashes(int[] hashes, int a, int b, int n) {
    for (int k = 0; k < n; k++) {
      if (hashes[a + k] != hashes[b + k]) {
        return false;
      }
    }
    return true;
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
