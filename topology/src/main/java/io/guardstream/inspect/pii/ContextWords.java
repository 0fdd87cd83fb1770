package io.guardstream.inspect.pii;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Words whose presence near a match raises confidence ("SSN" before 123-45-6789, "call me" before a
 * phone number), as Presidio's context enhancer does. Matching is case-insensitive on whole words
 * and, for line-bound instances, never crosses a line break: in contact blocks the neighbouring
 * line usually belongs to another field.
 */
public final class ContextWords {

  /** The words by their first char (lower case ASCII); those starting otherwise under {@link #OTHER}. */
  private final String[][] byFirst = new String[OTHER + 1][];
  private static final int OTHER = 128;
  private final boolean lineBound;

  private ContextWords(boolean lineBound, String... words) {
    this.lineBound = lineBound;
    List<List<String>> index = new ArrayList<>();
    for (int c = 0; c <= OTHER; c++) {
      index.add(new ArrayList<>());
    }
    for (String word : words) {
      String w = word.toLowerCase(Locale.ROOT);
      index.get(Math.min(w.charAt(0), OTHER)).add(w);
    }
    for (int c = 0; c <= OTHER; c++) {
      byFirst[c] = index.get(c).toArray(new String[0]);
    }
  }

  /** Context that may be on a previous line. */
  public static ContextWords of(String... words) {
    return new ContextWords(false, words);
  }

  /** Context that must be on the same line as the match. */
  public static ContextWords onSameLine(String... words) {
    return new ContextWords(true, words);
  }

  /** True when a word occurs within {@code before} chars before start or {@code after} chars after end. */
  public boolean near(String text, int start, int end, int before, int after) {
    return before(text, start, before) || after(text, end, after);
  }

  public boolean before(String text, int start, int window) {
    int from = Math.max(0, start - window);
    if (lineBound) {
      for (int i = start - 1; i >= from; i--) {
        if (text.charAt(i) == '\n') {
          from = i + 1;
          break;
        }
      }
    }
    return occursIn(text, from, start);
  }

  public boolean after(String text, int end, int window) {
    int to = Math.min(text.length(), end + window);
    if (lineBound) {
      for (int i = end; i < to; i++) {
        if (text.charAt(i) == '\n') {
          to = i;
          break;
        }
      }
    }
    return occursIn(text, end, to);
  }

  private boolean occursIn(String text, int from, int to) {
    for (int i = from; i < to; i++) {
      if (i > 0 && Character.isLetterOrDigit(text.charAt(i - 1))) {
        continue; // only at the start of a word
      }
      char first = Character.toLowerCase(text.charAt(i));
      for (String w : byFirst[Math.min(first, OTHER)]) {
        int wordEnd = i + w.length();
        if (w.charAt(0) == first
            && wordEnd <= to
            && text.regionMatches(true, i, w, 0, w.length())
            && (wordEnd == text.length() || !Character.isLetter(text.charAt(wordEnd)))) {
          return true;
        }
      }
    }
    return false;
  }
}
