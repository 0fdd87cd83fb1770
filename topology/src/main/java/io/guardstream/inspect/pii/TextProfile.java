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

  private final int digits;
  private final int letters;
  private final int colons;
  private final boolean hasAt;
  private final boolean hasSurrogates;
  private final boolean hasUpperCase;

  private TextProfile(String text, int digits, int letters, int colons, boolean hasAt, boolean hasSurrogates,
      boolean hasUpperCase) {
    this.text = text;
    this.digits = digits;
    this.letters = letters;
    this.colons = colons;
    this.hasAt = hasAt;
    this.hasSurrogates = hasSurrogates;
    this.hasUpperCase = hasUpperCase;
  }

  public static TextProfile of(String text) {
    int digits = 0;
    int letters = 0;
    int colons = 0;
    boolean at = false;
    boolean surrogates = false;
    boolean upper = false;
    for (int i = 0, n = text.length(); i < n; i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        digits++;
      } else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') {
        letters++;
        upper |= c < 'a';
      } else if (c == ':') {
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
    return new TextProfile(text, digits, letters, colons, at, surrogates, upper);
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
