package io.guardstream.inspect.pii;

import static io.guardstream.inspect.pii.WordTokens.COMMA;
import static io.guardstream.inspect.pii.WordTokens.NEWLINE;
import static io.guardstream.inspect.pii.WordTokens.NUMBER;
import static io.guardstream.inspect.pii.WordTokens.PUNCT;
import static io.guardstream.inspect.pii.WordTokens.WORD;

/**
 * The words of one text as the address recogniser sees them: lexicon roles (looked up once per
 * token), capitalisation, house numbers, abbreviations and the separators of an address block.
 */
final class AddressWords {

  final WordTokens tk;
  /** In an all-lower-case text capitalisation says nothing, so any word may be a name. */
  final boolean lowerText;
  private final AddressLexicon lexicon;
  /** Lexicon roles per token, computed on first use; -1 until then. */
  private final int[] roles;

  AddressWords(WordTokens tk, AddressLexicon lexicon, boolean lowerText) {
    this.tk = tk;
    this.lexicon = lexicon;
    this.lowerText = lowerText;
    this.roles = new int[tk.size];
    java.util.Arrays.fill(roles, -1);
  }

  boolean has(int t, int role) {
    if (!tk.is(t, WORD)) {
      return false;
    }
    int r = roles[t];
    if (r < 0) {
      r = lexicon.roles(tk.lower(t));
      roles[t] = r;
    }
    return (r & role) != 0;
  }

  /** A word or number inside an alphanumeric run ("AgV4Tak", base64, ids) never anchors an address. */
  boolean glued(int t) {
    String text = tk.text;
    int s = tk.start[t];
    int e = tk.end[t];
    return s > 0 && Character.isLetterOrDigit(text.charAt(s - 1))
        || e < text.length() && Character.isLetterOrDigit(text.charAt(e));
  }

  /**
   * A prefix word starting a street: capitalised (Via, Calle) unless it is one written in lower
   * case (rue, ul.); never an acronym (OS, AV); a one- or two-letter one (ul, Av, R) needs its dot
   * or a house number before it.
   */
  boolean isStreetPrefix(int t, boolean numberBefore) {
    if (!has(t, AddressLexicon.PREFIX)) {
      return false;
    }
    int len = tk.length(t);
    boolean caseOk = lowerText || has(t, AddressLexicon.LOWER_CASE_PREFIX)
        || tk.capitalised(t) && !(tk.allUpper(t) && len > 1);
    return caseOk && (len > 2 || tk.dotAfter(t) || numberBefore);
  }

  /** A one-word street name (Wiesenstrasse, Ringvej), which is a proper noun and so capitalised. */
  boolean hasEnding(int t) {
    return (tk.capitalised(t) || lowerText) && has(t, AddressLexicon.ENDING);
  }

  /**
   * A house number: up to five digits standing alone, not part of "2TB", "M.2" or "3.14".
   */
  boolean isHouseNumber(int t) {
    if (!tk.is(t, NUMBER) || tk.length(t) > 5) {
      return false;
    }
    String text = tk.text;
    int s = tk.start[t];
    int e = tk.end[t];
    boolean gluedBefore = s > 0 && (Character.isLetterOrDigit(text.charAt(s - 1))
        || s > 1 && ".-/".indexOf(text.charAt(s - 1)) >= 0 && Character.isLetterOrDigit(text.charAt(s - 2)));
    boolean gluedAfter = e < text.length() && (Character.isLetter(text.charAt(e))
        || e + 1 < text.length() && ".-/".indexOf(text.charAt(e)) >= 0 && Character.isDigit(text.charAt(e + 1)));
    return !gluedBefore && !gluedAfter;
  }

  /** The word before word t in a run, stepping over an abbreviation's dot. */
  int previousWord(int t) {
    return tk.punct(t - 1) == '.' ? t - 2 : t - 1;
  }

  /** A lower-case word that is not a unit, connector or stop word: "des" and "lieutemants" in "rue des lieutemants". */
  boolean isPlainWord(int t) {
    return tk.is(t, WORD) && !has(t, AddressLexicon.ANY_UNIT | AddressLexicon.NOT_A_NAME);
  }

  /** The token after t, skipping the '.' of an abbreviation ("St.", "ul.", "Apt."); -1 after a sentence end. */
  int afterAbbreviation(int t) {
    if (t + 1 < tk.size && tk.punct(t + 1) == '.' && tk.end[t] == tk.start[t + 1]) {
      return isAbbreviation(t) ? t + 2 : -1;
    }
    return t + 1;
  }

  boolean isAbbreviation(int t) {
    return tk.is(t, WORD) && (tk.length(t) <= 4 || isStreetWord(t) || has(t, AddressLexicon.ANY_UNIT));
  }

  boolean isName(int t) {
    if (!tk.is(t, WORD) || has(t, AddressLexicon.UNIT)) {
      return false;
    }
    return isStreetWord(t) || isConnector(t) || tk.capitalised(t) || lowerText;
  }

  /** A lower-case connector (du, dei, van); "Den" in "Den Haag" is a name. */
  boolean isConnector(int t) {
    return !tk.capitalised(t) && has(t, AddressLexicon.CONNECTOR);
  }

  boolean isStreetWord(int t) {
    return has(t, AddressLexicon.SUFFIX | AddressLexicon.EU_SUFFIX | AddressLexicon.PREFIX | AddressLexicon.ENDING);
  }

  boolean isNumberPunct(int t) {
    char c = tk.punct(t);
    return (c == '-' || c == '.' || c == '/' || c == ')') && tk.is(t + 1, NUMBER);
  }

  /** Commas, one line break with its bullet or quote marks ("\n> ", "\n??? "), a house number's dot. */
  boolean isSeparator(int p) {
    if (tk.is(p, NEWLINE) || tk.is(p, COMMA)) {
      return true;
    }
    char c = tk.punct(p);
    if (c == '.' && tk.is(p - 1, NUMBER) && tk.end[p - 1] == tk.start[p]) {
      return true; // "útja 62."
    }
    if (c != 0 && "?>-*|#\u2022".indexOf(c) >= 0) {
      int k = p - 1;
      while (k >= 0 && tk.kind[k] == PUNCT && tk.punct(k) == c) {
        k--;
      }
      return k < 0 || tk.is(k, NEWLINE);
    }
    return false;
  }

  /** True when only separators (spaces, commas, one line break) lie between two tokens. */
  boolean adjacent(int lastOfPrevious, int firstOfNext) {
    int newlines = 0;
    for (int k = lastOfPrevious + 1; k < firstOfNext; k++) {
      if (tk.is(k, NEWLINE)) {
        newlines++;
      } else if (!isSeparator(k)) {
        return false;
      }
    }
    return newlines <= 1 && firstOfNext > lastOfPrevious;
  }

  /** End offset of a span whose last token is t, keeping the dot of a final abbreviation. */
  int endOf(int t) {
    int end = tk.end[t];
    return tk.is(t, WORD) && tk.dotAfter(t) && isAbbreviation(t) ? end + 1 : end;
  }

  /** The last token of a ZIP+4 style code (12345-678) starting at p, or p. */
  int zipPlus(int p) {
    if (tk.punct(p + 1) == '-' && tk.is(p + 2, NUMBER) && tk.end[p] == tk.start[p + 1]
        && tk.end[p + 1] == tk.start[p + 2] && tk.length(p) == 5 && tk.length(p + 2) >= 3
        && tk.length(p + 2) <= 4 && !isNumberPunct(p + 3)) {
      return p + 2;
    }
    return p;
  }
}
