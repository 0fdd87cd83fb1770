package io.guardstream.inspect.pii;

import static io.guardstream.inspect.pii.WordTokens.COMMA;
import static io.guardstream.inspect.pii.WordTokens.NEWLINE;
import static io.guardstream.inspect.pii.WordTokens.NUMBER;
import static io.guardstream.inspect.pii.WordTokens.PUNCT;
import static io.guardstream.inspect.pii.WordTokens.WORD;

import java.util.Set;

/**
 * Where an address starts: a run of names holding a street-type word next to a house number, a
 * name between two numbers, a unit designator with its number, a US military address, or a number
 * after "zip code". Each anchor is returned as {first token, last token, score in percent}.
 */
final class AddressAnchors {

  static final int STREET = 60;
  static final int NAME_BETWEEN_NUMBERS = 50;
  static final int UNIT = 50;
  static final int MILITARY = 70;
  static final int POSTAL_CODE = 60;
  private static final int MAX_NAME_WORDS = 6;
  private static final Set<String> MILITARY_SHIPS = Set.of("usns", "uss", "usnv", "uscgc");
  private static final Set<String> MILITARY_POST = Set.of("apo", "fpo", "dpo");
  private static final Set<String> MILITARY_REGIONS = Set.of("aa", "ae", "ap");
  private static final Set<String> POSTAL_WORDS = Set.of("zip", "zipcode", "postcode", "postal");

  private final AddressWords words;
  private final WordTokens tk;

  AddressAnchors(AddressWords words) {
    this.words = words;
    this.tk = words.tk;
  }

  /** An anchor starting at token t as {first, last, score * 100}, or null. */
  int[] core(int t) {
    if (!tk.is(t, WORD)) {
      return null;
    }
    String w = tk.lower(t);
    int next = words.afterAbbreviation(t);
    if (MILITARY_SHIPS.contains(w) && (tk.allUpper(t) || words.lowerText) && tk.is(next, WORD) && words.isName(next)) {
      return new int[] {t, next, MILITARY};
    }
    if (MILITARY_POST.contains(w) && tk.is(next, WORD) && MILITARY_REGIONS.contains(tk.lower(next))
        && tk.is(next + 1, NUMBER) && tk.length(next + 1) == 5) {
      return new int[] {t, next + 1, MILITARY};
    }
    if (words.has(t, AddressLexicon.UNIT) && (tk.capitalised(t) || words.lowerText) && tk.is(next, NUMBER) && tk.length(next) <= 6) {
      return new int[] {t, next, UNIT};
    }
    if (POSTAL_WORDS.contains(w)) {
      return postalCode(t);
    }
    if ((w.equals("po") || w.equals("p") && tk.is(next, WORD) && tk.lower(next).equals("o"))) {
      int box = w.equals("po") ? next : words.afterAbbreviation(next);
      if (tk.is(box, WORD) && tk.lower(box).equals("box") && tk.is(box + 1, NUMBER)) {
        return new int[] {t, box + 1, UNIT}; // P.O. Box 104
      }
    }
    return street(t);
  }

  /** "zip code is 49865", "postal code: 75534-030". */
  int[] postalCode(int t) {
    for (int k = t + 1; k < Math.min(tk.size, t + 5); k++) {
      if (tk.is(k, NUMBER)) {
        int len = tk.length(k);
        return len >= 3 && len <= 10 ? new int[] {k, words.zipPlus(k), POSTAL_CODE} : null;
      }
      if (tk.is(k, NEWLINE) || (tk.is(k, PUNCT) && tk.punct(k) != ':' && tk.punct(k) != '#')) {
        return null;
      }
    }
    return null;
  }

  /**
   * A run of names with a street-type word next to a number, or a name between two numbers. A
   * suffix word (Street, Dr) counts only after a name, so a title such as "Dr." does not start
   * a street; after a prefix word (Via, rue, Trg) lower-case words belong to the name. Stop words
   * and month or day names end the run.
   */
  int[] street(int t) {
    if (!words.isName(t) || words.isConnector(t) && !words.has(t, AddressLexicon.PREFIX)) {
      return null;
    }
    boolean numberBefore = words.isHouseNumber(t - 1) && tk.spaceBetween(t - 1);
    int last = t;
    int count = 1;
    boolean prefixed = words.isStreetPrefix(t, numberBefore);
    boolean endingWord = words.hasEnding(t);
    boolean englishSuffix = false;
    boolean europeanSuffix = false;
    boolean plainNames = !words.isStreetWord(t) && !words.has(t, AddressLexicon.NOT_A_NAME);
    while (count < MAX_NAME_WORDS) {
      int next = words.afterAbbreviation(last);
      if (next < 0 || !tk.is(next, WORD) || !tk.spaceBetween(next - 1)) {
        break;
      }
      boolean name = (words.isName(next) || prefixed && words.isPlainWord(next)) && !words.has(next, AddressLexicon.NOT_A_NAME);
      if (!name) {
        break;
      }
      last = next;
      count++;
      englishSuffix |= words.has(next, AddressLexicon.SUFFIX);
      europeanSuffix |= words.has(next, AddressLexicon.EU_SUFFIX);
      endingWord |= words.hasEnding(next);
      plainNames &= !words.has(next, AddressLexicon.NOT_A_NAME) && !words.isStreetWord(next);
    }
    // a name ends with a name: drop trailing connectors and lower-case words ("rue Victor Hugo tomorrow")
    while (last > t && (words.isConnector(last) || !tk.capitalised(last) && !words.lowerText) && !words.isStreetWord(last)) {
      last = words.previousWord(last);
      count--;
    }
    int after = words.afterAbbreviation(last);
    boolean numberAfter = after > 0 && words.isHouseNumber(after) && tk.spaceBetween(after - 1);
    int first = numberBefore ? t - 1 : t;
    boolean european = prefixed || europeanSuffix || endingWord;
    if (european && (numberBefore || numberAfter) && (count >= 2 || endingWord)) {
      return new int[] {first, numberAfter ? after : last, STREET};
    }
    if (englishSuffix && numberBefore && count >= 2) {
      return new int[] {first, last, STREET}; // "Fight Club 12)" is not an address
    }
    if (numberBefore && numberAfter && count <= 3 && plainNames) {
      return new int[] {first, after, NAME_BETWEEN_NUMBERS};
    }
    return null;
  }

  boolean startsStreet(int p) {
    if (tk.is(p, NUMBER) && tk.is(p + 1, WORD)) {
      int[] core = street(p + 1);
      return core != null && core[0] == p && core[2] == STREET;
    }
    if (tk.is(p, WORD) && words.has(p, AddressLexicon.UNIT)) {
      return false;
    }
    int[] core = tk.is(p, WORD) ? street(p) : null;
    return core != null && core[2] == STREET;
  }
}
