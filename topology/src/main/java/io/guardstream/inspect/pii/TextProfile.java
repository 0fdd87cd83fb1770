package io.guardstream.inspect.pii;

import java.util.List;

/**
 * Facts about a text gathered in one pass, so recognisers can skip texts they cannot match (no '@'
 * means no email, too few digits means no card) before running anything costlier.
 *
 * <p>It also carries the work recognisers share within one scan, computed on first use: the word
 * tokens (street addresses and the name finder both read them) and the street addresses (the
 * person and location recognisers drop names inside one). One profile belongs to one scan of one
 * text on one thread; it is not thread-safe.
 */
public final class TextProfile {

  private final String text;
  private WordTokens words;
  private List<Candidate> addresses;
  private List<NameTagger.Name> names;

  private int digits;
  private int letters;
  private int colons;
  private boolean hasAt;
  private boolean hasSurrogates;
  private boolean hasUpperCase;
  private int longestDigitRun;
  private int longestAlnumRun;
  private int longestBase64Run;
  private boolean letterBeforeDigit;
  private boolean dotBetweenDigits;

  private TextProfile(String text) {
    this.text = text;
  }

  public static TextProfile of(String text) {
    TextProfile p = new TextProfile(text);
    int digits = 0;
    int letters = 0;
    int colons = 0;
    boolean at = false;
    boolean surrogates = false;
    boolean upper = false;
    // runs of ASCII digits, ASCII letters and digits, and base64 characters ending at i; the
    // longest are taken when a run ends, which is rarer than a char
    int digitRun = 0;
    int alnumRun = 0;
    int base64Run = 0;
    int longestDigitRun = 0;
    int longestAlnumRun = 0;
    int longestBase64Run = 0;
    boolean letterDigit = false;
    boolean dotDigit = false;
    boolean prevLetter = false;
    boolean dotAfterDigit = false;
    for (int i = 0, n = text.length(); i < n; i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        digits++;
        letterDigit |= prevLetter;
        dotDigit |= dotAfterDigit;
        digitRun++;
        alnumRun++;
        base64Run++;
        prevLetter = false;
        dotAfterDigit = false;
        continue;
      }
      if (digitRun > 0) {
        longestDigitRun = Math.max(longestDigitRun, digitRun);
        digitRun = 0;
        dotAfterDigit = c == '.';
      } else {
        dotAfterDigit = false;
      }
      if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') {
        letters++;
        upper |= c < 'a';
        alnumRun++;
        base64Run++;
        prevLetter = true;
        continue;
      }
      prevLetter = false;
      if (alnumRun > 0) {
        longestAlnumRun = Math.max(longestAlnumRun, alnumRun);
        alnumRun = 0;
      }
      if (c == '+' || c == '/') {
        base64Run++;
      } else if (base64Run > 0) {
        longestBase64Run = Math.max(longestBase64Run, base64Run);
        base64Run = 0;
      }
      if (c == ':') {
        colons++;
      } else if (c == '@') {
        at = true;
      } else if (Character.isSurrogate(c)) {
        surrogates = true;
      } else if (c > 0x7f && Character.isLetter(c)) {
        letters++;
        upper |= Character.isUpperCase(c);
      }
    }
    p.digits = digits;
    p.letters = letters;
    p.colons = colons;
    p.hasAt = at;
    p.hasSurrogates = surrogates;
    p.hasUpperCase = upper;
    p.longestDigitRun = Math.max(longestDigitRun, digitRun);
    p.longestAlnumRun = Math.max(longestAlnumRun, alnumRun);
    p.longestBase64Run = Math.max(longestBase64Run, base64Run);
    p.letterBeforeDigit = letterDigit;
    p.dotBetweenDigits = dotDigit;
    return p;
  }

  /** ASCII digits in the text. */
  public int digits() {
    return digits;
  }

  /** Letters in the text (ASCII and other BMP letters). */
  public int letters() {
    return letters;
  }

  public int colons() {
    return colons;
  }

  public boolean hasAt() {
    return hasAt;
  }

  /**
   * True when some letter of the text is upper case. Text written all in lower case ("my name is
   * mark pinto") gives names no capitals, so the name recognisers read it differently.
   */
  public boolean hasUpperCase() {
    return hasUpperCase;
  }

  /** The longest run of consecutive ASCII digits. */
  public int longestDigitRun() {
    return longestDigitRun;
  }

  /** The longest run of consecutive ASCII letters and digits. */
  public int longestAlnumRun() {
    return longestAlnumRun;
  }

  /** The longest run of consecutive base64 characters other than padding: ASCII letters, digits, '+', '/'. */
  public int longestBase64Run() {
    return longestBase64Run;
  }

  /** True when an ASCII letter is directly followed by an ASCII digit somewhere ("DE89", "ab1"). */
  public boolean hasLetterBeforeDigit() {
    return letterBeforeDigit;
  }

  /** True when a '.' sits between two ASCII digits somewhere ("1.5", "10.0.0.1"). */
  public boolean hasDotBetweenDigits() {
    return dotBetweenDigits;
  }

  /** True when char offsets and code point offsets differ somewhere in the text. */
  public boolean hasSurrogates() {
    return hasSurrogates;
  }

  /** The text cut into words, numbers and punctuation, once per scan. */
  WordTokens words() {
    if (words == null) {
      words = new WordTokens(text);
    }
    return words;
  }

  /** The street addresses found in this scan so far, or null before the address recogniser ran. */
  List<Candidate> addresses() {
    return addresses;
  }

  void addresses(List<Candidate> found) {
    addresses = found;
  }

  /** The names the name finder found in this scan, or null before it ran. */
  List<NameTagger.Name> names() {
    return names;
  }

  void names(List<NameTagger.Name> found) {
    names = found;
  }
}
