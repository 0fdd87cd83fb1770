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
   * The lines of {@code text}; with {@code onlyCapitalised}, lines without a capitalised word that
   * may start a name ({@link #mayHoldName}) are left out: the name finder and the cues look for
   * capitalised names only.
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
        if (t > from && (!onlyCapitalised || mayHoldName(tk, from, t))) {
          lines.add(line(tk, from, t));
        }
        from = t + 1;
      }
    }
    return lines;
  }

  /**
   * True when text[from, to) has a capitalised word a name may start with: any inside a sentence;
   * the first of a sentence when it is no plain dictionary word or the next word is capitalised too;
   * an all-capitals known place. Prose opens its sentences with common words ("Please", "The"), so
   * most lines without a name fail this in one pass over their chars, before any token is cut.
   */
  static boolean mayHoldName(String text, int from, int to) {
    boolean sentenceStart = true;
    int i = from;
    while (i < to) {
      char c = text.charAt(i);
      if (!Character.isLetter(c)) {
        if (isSentenceMark(c) || c == '\n') {
          sentenceStart = true;
        } else if (c != ' ' && c != '\t' && c != '\r' && c != '\u00a0') {
          sentenceStart = false;
        }
        i++;
        continue;
      }
      int e = i + 1;
      while (e < to && WordTokens.continuesWord(text, e)) {
        e++;
      }
      if (e - i >= 2 && Character.isUpperCase(c) && mayStartName(text, i, e, sentenceStart, to)) {
        return true;
      }
      sentenceStart = false;
      i = e;
    }
    return false;
  }

  /** {@link #mayHoldName(String, int, int)} over tokens already cut: only capitalised words are read. */
  private static boolean mayHoldName(WordTokens tk, int from, int to) {
    String text = tk.text;
    for (int t = from; t < to; t++) {
      if (tk.kind[t] == WordTokens.WORD && tk.length(t) >= 2 && Character.isUpperCase(text.charAt(tk.start[t]))) {
        boolean sentenceStart = t == from || tk.kind[t - 1] == WordTokens.PUNCT && isSentenceMark(text.charAt(tk.start[t - 1]));
        if (mayStartName(text, tk.start[t], tk.end[t], sentenceStart, tk.end[to - 1])) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean isSentenceMark(char c) {
    return c == '.' || c == '!' || c == '?' || c == ':' || c == '"';
  }

  private static boolean mayStartName(String text, int start, int end, boolean sentenceStart, int to) {
    boolean lower = false;
    for (int i = start + 1; i < end && !lower; i++) {
      lower = Character.isLowerCase(text.charAt(i));
    }
    if (!lower) {
      return (NameLexicon.instance().flags(text, start, end) & NameLexicon.PLACE) != 0;
    }
    if (!sentenceStart || !NameCues.isPlainWord(NameLexicon.instance().flags(text, start, end))) {
      return true;
    }
    int next = end;
    while (next < to && text.charAt(next) == ' ') {
      next++;
    }
    return next < to && Character.isUpperCase(text.charAt(next));
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
