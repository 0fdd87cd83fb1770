package io.guardstream.inspect.injection;

import java.util.Set;

/**
 * Folds the character-level disguises that defeat keyword matching: leetspeak ({@code 1gn0r3}),
 * Cyrillic and Greek look-alikes mixed into Latin words ({@code іgnоrе} with Cyrillic і, о, е), and
 * letters spelled out one by one ({@code i g n o r e}, {@code i.g.n.o.r.e}).
 *
 * <p>Only tokens that show the disguise are rewritten, so numbers, real Cyrillic or Greek words and
 * ordinary abbreviations stay as they are. Stateless and thread-safe.
 */
final class Deobfuscator {

  /** Fewer single letters in a row than this are initials or list markers, not a spelled word. */
  private static final int MIN_SPACED_LETTERS = 4;

  /**
   * Words used to re-segment letters spelled out with uniform single spaces, where the word gaps
   * are lost ({@code i g n o r e a l l} becomes {@code ignore all}). The vocabulary of the attack
   * families, plus the function words that glue them together.
   */
  private static final Set<String> VOCABULARY =
      Set.of(
          "ignore",
          "disregard",
          "forget",
          "override",
          "bypass",
          "skip",
          "all",
          "any",
          "every",
          "previous",
          "prior",
          "above",
          "earlier",
          "preceding",
          "instructions",
          "instruction",
          "rules",
          "guidelines",
          "directives",
          "your",
          "you",
          "are",
          "were",
          "now",
          "system",
          "prompt",
          "reveal",
          "print",
          "show",
          "repeat",
          "tell",
          "me",
          "the",
          "and",
          "of",
          "to",
          "say",
          "password",
          "secret",
          "key",
          "do",
          "anything",
          "no",
          "longer",
          "bound",
          "by",
          "developer",
          "mode",
          "act",
          "as",
          "jailbreak",
          "jailbroken",
          "never",
          "refuse",
          "initial",
          "original",
          "output",
          "what",
          "is",
          "a",
          "an",
          "in",
          "with",
          "without",
          "restrictions",
          "filters",
          "pretend",
          "be",
          "stay",
          "character",
          "follow",
          "must",
          "not",
          "new",
          "from",
          "on",
          "everything",
          "before",
          "told",
          "been",
          "have",
          "give",
          "write",
          "how",
          "make",
          "i",
          "it",
          "this",
          "that",
          "for",
          "or",
          "can",
          "will",
          "unfiltered",
          "uncensored");

  private static final int MAX_WORD = 12;

  /**
   * @return the folded text, or {@code null} when no token needed folding
   */
  String fold(String lower) {
    int n = lower.length();
    StringBuilder out = null;
    int i = 0;
    while (i < n) {
      int start = skipSpace(lower, i);
      if (start > i && out != null) {
        out.append(lower, i, start);
      }
      if (start >= n) {
        break;
      }
      int runEnd = spacedLetterRunEnd(lower, start);
      if (runEnd > 0) {
        out = ensure(out, lower, start);
        appendSpacedRun(lower, start, runEnd, out);
        i = runEnd;
        continue;
      }
      int end = skipToken(lower, start);
      String folded = isPlainWord(lower, start, end) ? null : foldToken(lower, start, end);
      if (folded != null) {
        out = ensure(out, lower, start);
        out.append(folded);
      } else if (out != null) {
        out.append(lower, start, end);
      }
      i = end;
    }
    return out == null ? null : out.toString();
  }

  private static StringBuilder ensure(StringBuilder out, String lower, int upTo) {
    if (out != null) {
      return out;
    }
    StringBuilder created = new StringBuilder(lower.length() + 16);
    created.append(lower, 0, upTo);
    return created;
  }

  private static int skipSpace(String s, int i) {
    while (i < s.length() && TextNormalizer.isWhitespace(s.charAt(i))) {
      i++;
    }
    return i;
  }

  private static int skipToken(String s, int i) {
    while (i < s.length() && !TextNormalizer.isWhitespace(s.charAt(i))) {
      i++;
    }
    return i;
  }

  /**
   * Lowercase ASCII letters, then perhaps trailing punctuation: most tokens of prose, and none that
   * {@link #foldToken} changes (no separator between letters, no disguised character), so the
   * common token is read once instead of by each of its checks.
   */
  private static boolean isPlainWord(String s, int start, int end) {
    int i = start;
    while (i < end && s.charAt(i) >= 'a' && s.charAt(i) <= 'z') {
      i++;
    }
    while (i < end && isTrailingPunctuation(s.charAt(i))) {
      i++;
    }
    return i == end;
  }

  private static boolean isSingleLetterToken(String s, int start) {
    return start < s.length()
        && Character.isLetter(s.charAt(start))
        && (start + 1 == s.length() || TextNormalizer.isWhitespace(s.charAt(start + 1)));
  }

  /**
   * End (exclusive) of a run of at least {@link #MIN_SPACED_LETTERS} single-letter tokens on one
   * line starting at {@code start}, or -1.
   */
  private static int spacedLetterRunEnd(String s, int start) {
    int count = 0;
    int i = start;
    int end = -1;
    while (isSingleLetterToken(s, i)) {
      count++;
      end = i + 1;
      int j = end;
      while (j < s.length() && (s.charAt(j) == ' ' || s.charAt(j) == '\t')) {
        j++;
      }
      if (j - end > 3) {
        break;
      }
      i = j;
    }
    return count >= MIN_SPACED_LETTERS ? end : -1;
  }

  /** Joins a spelled-out run; gaps of two or more spaces are word breaks. */
  private static void appendSpacedRun(String s, int start, int end, StringBuilder out) {
    StringBuilder word = new StringBuilder();
    boolean uniform = true;
    for (int i = start; i < end; ) {
      word.append(s.charAt(i));
      int j = i + 1;
      while (j < end && s.charAt(j) == ' ') {
        j++;
      }
      if (j - (i + 1) > 1) {
        uniform = false;
        word.append(' ');
      }
      i = j;
    }
    if (uniform) {
      segment(word, out);
    } else {
      out.append(word);
    }
  }

  /** Greedy longest-match segmentation of letters whose word gaps were lost. */
  private static void segment(CharSequence letters, StringBuilder out) {
    int n = letters.length();
    int i = 0;
    boolean pendingUnknown = false;
    while (i < n) {
      int matched = 0;
      for (int len = Math.min(MAX_WORD, n - i); len >= 1; len--) {
        if (VOCABULARY.contains(letters.subSequence(i, i + len).toString())) {
          matched = len;
          break;
        }
      }
      if (matched == 0) {
        out.append(letters.charAt(i));
        pendingUnknown = true;
        i++;
        continue;
      }
      if (pendingUnknown || (out.length() > 0 && out.charAt(out.length() - 1) != ' ')) {
        out.append(' ');
      }
      out.append(letters, i, i + matched).append(' ');
      pendingUnknown = false;
      i += matched;
    }
  }

  /**
   * @return the folded token, or {@code null} when the token shows no disguise
   */
  private static String foldToken(String s, int start, int end) {
    String separated = joinSeparatedLetters(s, start, end);
    if (separated != null) {
      return separated;
    }
    int asciiLetters = 0;
    int disguised = 0;
    int coreEnd = end;
    while (coreEnd > start && isTrailingPunctuation(s.charAt(coreEnd - 1))) {
      coreEnd--;
    }
    for (int i = start; i < coreEnd; i++) {
      char c = s.charAt(i);
      if (c >= 'a' && c <= 'z') {
        asciiLetters++;
      } else if (leet(c) != 0 || homoglyph(c) != 0) {
        disguised++;
      } else {
        return null;
      }
    }
    if (disguised == 0 || asciiLetters < 2 || coreEnd - start < 3) {
      return null;
    }
    StringBuilder folded = new StringBuilder(end - start);
    for (int i = start; i < coreEnd; i++) {
      char c = s.charAt(i);
      char plain = c >= 'a' && c <= 'z' ? c : leet(c) != 0 ? leet(c) : homoglyph(c);
      folded.append(plain);
    }
    folded.append(s, coreEnd, end);
    return folded.toString();
  }

  /** {@code i.g.n.o.r.e}, {@code i-g-n-o-r-e}, {@code i_g_n_o_r_e}: letters joined by one mark. */
  private static String joinSeparatedLetters(String s, int start, int end) {
    int coreEnd = end;
    while (coreEnd > start && isTrailingPunctuation(s.charAt(coreEnd - 1))) {
      coreEnd--;
    }
    int len = coreEnd - start;
    if (len < 2 * MIN_SPACED_LETTERS - 1 || len % 2 == 0) {
      return null;
    }
    char separator = s.charAt(start + 1);
    if (".-_*/|+~".indexOf(separator) < 0) {
      return null;
    }
    StringBuilder word = new StringBuilder(len / 2 + 1);
    for (int i = start; i < coreEnd; i += 2) {
      char c = s.charAt(i);
      if (!Character.isLetter(c) || (i + 1 < coreEnd && s.charAt(i + 1) != separator)) {
        return null;
      }
      word.append(c);
    }
    return word.toString();
  }

  private static boolean isTrailingPunctuation(char c) {
    return c == '.' || c == ',' || c == ';' || c == ':' || c == '?' || c == '!' || c == '"'
        || c == '\'' || c == ')' || c == ']';
  }

  private static char leet(char c) {
    switch (c) {
      case '0':
        return 'o';
      case '1':
      case '!':
        return 'i';
      case '3':
        return 'e';
      case '4':
      case '@':
        return 'a';
      case '5':
      case '$':
        return 's';
      case '7':
        return 't';
      case '|':
        return 'l';
      default:
        return 0;
    }
  }

  /** Lowercase Cyrillic and Greek letters that render like a Latin letter. */
  static char homoglyph(char c) {
    switch (c) {
      case '\u0430': // а
      case '\u03B1': // α
        return 'a';
      case '\u0441': // с
        return 'c';
      case '\u0501': // ԁ
        return 'd';
      case '\u0435': // е
      case '\u0451': // ё
      case '\u03B5': // ε
        return 'e';
      case '\u04BB': // һ
        return 'h';
      case '\u0456': // і
      case '\u03B9': // ι
        return 'i';
      case '\u0458': // ј
        return 'j';
      case '\u03BA': // κ
      case '\u043A': // к
        return 'k';
      case '\u043E': // о
      case '\u03BF': // ο
        return 'o';
      case '\u0440': // р
      case '\u03C1': // ρ
        return 'p';
      case '\u0455': // ѕ
        return 's';
      case '\u03C5': // υ
        return 'u';
      case '\u03BD': // ν
        return 'v';
      case '\u051D': // ԝ
        return 'w';
      case '\u0445': // х
        return 'x';
      case '\u0443': // у
        return 'y';
      default:
        return 0;
    }
  }
}
