package io.guardstream.inspect.pii;

import java.util.ArrayList;
import java.util.List;

/**
 * A text cut into the token lines the name finder reads: {@link WordTokens} without spaces, one
 * line per text line, because a contact block puts a different field on every line. The trainer
 * and {@link NameTagger} cut text the same way, so the model sees at run time exactly what it
 * was trained on.
 */
final class NameTokens {

  /** Marks a looked-up entry of {@link Line#lexiconFlags}, so that 0 means not looked up yet. */
  private static final int KNOWN = 1 << 30;

  /**
   * One line: token strings and their Java char offsets (end exclusive). Lines cut for tagging
   * leave the strings null until {@link #token} asks for one: most words of a line are never read
   * by the model, and cutting them all out was a tenth of a scan.
   */
  record Line(String text, String[] tokens, int[] start, int[] end, int[] lexiconFlags) {

    Line(String text, String[] tokens, int[] start, int[] end) {
      this(text, tokens, start, end, new int[start.length]);
    }

    /**
     * {@link NameLexicon#flags} of token i, looked up once: the candidate test, the cues and the
     * window all ask about the same capitalised words.
     */
    int flags(int i) {
      int f = lexiconFlags[i];
      if (f == 0) {
        f = NameLexicon.instance().flags(text, start[i], end[i]) | KNOWN;
        lexiconFlags[i] = f;
      }
      return f & ~KNOWN;
    }

    int size() {
      return start.length;
    }

    String token(int i) {
      String token = tokens[i];
      if (token == null) {
        token = text.substring(start[i], end[i]);
        tokens[i] = token;
      }
      return token;
    }

    /** The first char of token i. */
    char first(int i) {
      return text.charAt(start[i]);
    }

    int length(int i) {
      return end[i] - start[i];
    }
  }

  private NameTokens() {}

  /**
   * The lines of {@code text}; with {@code onlyCapitalised}, lines without a capitalised word are
   * left out, since a name finder trained on capitalised names cannot find anything in them.
   */
  static List<Line> lines(String text, boolean onlyCapitalised) {
    List<Line> lines = lines(new WordTokens(text), onlyCapitalised);
    for (Line line : lines) {
      for (int i = 0; i < line.size(); i++) {
        line.token(i);
      }
    }
    return lines;
  }

  /** As {@link #lines(String, boolean)} over tokens already cut, with token strings made on demand. */
  static List<Line> lines(WordTokens tk, boolean onlyCapitalised) {
    List<Line> lines = new ArrayList<>();
    int from = 0;
    for (int t = 0; t <= tk.size; t++) {
      if (t == tk.size || tk.kind[t] == WordTokens.NEWLINE) {
        if (t > from && (!onlyCapitalised || hasCapitalised(tk, from, t))) {
          lines.add(line(tk, from, t));
        }
        from = t + 1;
      }
    }
    return lines;
  }

  private static boolean hasCapitalised(WordTokens tk, int from, int to) {
    for (int t = from; t < to; t++) {
      if (tk.capitalised(t)) {
        return true;
      }
    }
    return false;
  }

  /** Splits a possessive "'s" off its word, so "Franciska's" yields the name "Franciska". */
  private static Line line(WordTokens tk, int from, int to) {
    int n = to - from;
    for (int t = from; t < to; t++) {
      n += possessiveAt(tk, t) > 0 ? 1 : 0;
    }
    String[] tokens = new String[n];
    int[] start = new int[n];
    int[] end = new int[n];
    int i = 0;
    for (int t = from; t < to; t++) {
      int split = possessiveAt(tk, t);
      start[i] = tk.start[t];
      end[i] = split > 0 ? split : tk.end[t];
      i++;
      if (split > 0) {
        start[i] = split;
        end[i] = tk.end[t];
        i++;
      }
    }
    return new Line(tk.text, tokens, start, end);
  }

  /** The char offset of the apostrophe of a trailing possessive in word t, or -1. */
  private static int possessiveAt(WordTokens tk, int t) {
    int e = tk.end[t];
    if (tk.kind[t] != WordTokens.WORD || e - tk.start[t] < 3) {
      return -1;
    }
    char s = tk.text.charAt(e - 1);
    char apostrophe = tk.text.charAt(e - 2);
    return (s == 's' || s == 'S') && (apostrophe == '\'' || apostrophe == '\u2019') ? e - 2 : -1;
  }
}
