package io.guardstream.inspect.pii;

import static io.guardstream.inspect.pii.WordTokens.COMMA;
import static io.guardstream.inspect.pii.WordTokens.NEWLINE;
import static io.guardstream.inspect.pii.WordTokens.NUMBER;
import static io.guardstream.inspect.pii.WordTokens.PUNCT;
import static io.guardstream.inspect.pii.WordTokens.WORD;

/**
 * How far an address reaches from its anchor: preceding house numbers and unit, then units, city
 * names, state codes, postal codes and country names on the same or following lines, until
 * something that is not part of an address (a lower-case word, sentence punctuation, a phone
 * number, a blank line, the start of another street).
 */
final class AddressExtent {

  private static final int MAX_CITY_WORDS = 4;

  private final AddressWords words;
  private final AddressAnchors anchors;
  private final AddressLexicon lexicon;
  private final WordTokens tk;

  AddressExtent(AddressWords words, AddressAnchors anchors, AddressLexicon lexicon) {
    this.words = words;
    this.anchors = anchors;
    this.lexicon = lexicon;
    this.tk = words.tk;
  }

  /**
   * Preceding house numbers ("2046 50 Point Walter Road"), the unit before them ("Apt. 117 5720
   * Skoanveien 226") and "the corner of" before an intersection.
   */
  int extendLeft(int first) {
    int taken = 0;
    while (taken < 2 && tk.is(first - 1, NUMBER) && tk.spaceBetween(first - 1) && tk.length(first - 1) <= 6) {
      first--;
      taken++;
    }
    if (taken > 0) {
      int unit = tk.punct(first - 1) == '.' ? first - 2 : first - 1;
      if (tk.is(unit, WORD) && words.has(unit, AddressLexicon.ANY_UNIT) && (tk.spaceBetween(first - 1) || unit == first - 2)) {
        first = unit;
      }
    }
    if (tk.is(first - 1, WORD) && tk.lower(first - 1).equals("of") && tk.is(first - 2, WORD)
        && tk.lower(first - 2).equals("corner")) {
      first = tk.is(first - 3, WORD) && tk.lower(first - 3).equals("the") ? first - 3 : first - 2;
    }
    return first;
  }

  /** Units, cities, state codes, postal codes and countries after an anchor, over at most one line break per step. */
  int extendRight(int last) {
    int cities = 0;
    int pos = last + 1;
    while (pos < tk.size) {
      int p = pos;
      int newlines = 0;
      while (p < tk.size && words.isSeparator(p)) {
        newlines += tk.is(p, NEWLINE) ? 1 : 0;
        p++;
      }
      if (newlines > 1 || p >= tk.size || anchors.startsStreet(p)) {
        break;
      }
      int e = intersection(p);
      if (e < 0) {
        e = unit(p);
      }
      if (e < 0) {
        e = postal(p, tk.is(p - 1, WORD) && tk.spaceBetween(p - 1));
      }
      if (e < 0 && tk.is(p, WORD) && tk.lower(p).equals("nan")) {
        e = p; // an empty field in generated address blocks
      }
      if (e < 0) {
        e = stateCode(p);
      }
      if (e < 0) {
        e = country(p);
      }
      if (e < 0 && cities < 2) {
        e = city(p);
        cities += e >= 0 ? 1 : 0;
      }
      if (e < 0) {
        break;
      }
      last = e;
      pos = e + 1;
      if (tk.is(e, WORD) && tk.dotAfter(e) && !words.isAbbreviation(e)) {
        break; // the sentence ends here
      }
    }
    return last;
  }

  /** "... and Lucchese Street": the second street of an intersection. */
  int intersection(int p) {
    if (!tk.is(p, WORD) || !tk.lower(p).equals("and") || !tk.is(p + 1, WORD)) {
      return -1;
    }
    int last = p + 1;
    int count = 0;
    while (tk.is(last, WORD) && words.isName(last) && count < MAX_CITY_WORDS) {
      if (words.has(last, AddressLexicon.SUFFIX) && count > 0) {
        return last;
      }
      count++;
      last = words.afterAbbreviation(last);
      if (last < 0) {
        return -1;
      }
    }
    return -1;
  }

  int unit(int p) {
    if (!tk.is(p, WORD) || !words.has(p, AddressLexicon.ANY_UNIT)) {
      return -1;
    }
    int n = words.afterAbbreviation(p);
    if (tk.punct(n) == '#') {
      n++;
    }
    return tk.is(n, NUMBER) && tk.length(n) <= 6 ? n : -1;
  }

  /**
   * A postal code: 3 to 6 digits, 12345-678, 394 13, or a district number right after a city
   * name (Karlovy Vary 17); never the first group of a phone number.
   */
  int postal(int p, boolean afterName) {
    if (!tk.is(p, NUMBER) || tk.length(p) > 6) {
      return -1;
    }
    int zip = words.zipPlus(p);
    if (zip > p) {
      return zip;
    }
    if (tk.is(p + 1, NUMBER) && tk.spaceBetween(p)) {
      // "394 13" is a Swedish postal code; "0319 3649187" is a phone number
      return tk.length(p) == 3 && tk.length(p + 1) == 2 && !tk.is(p + 2, NUMBER) ? p + 1 : -1;
    }
    if (words.isNumberPunct(p + 1) && tk.is(p + 2, NUMBER)) {
      return -1; // 438.812.1525, 001-204-821-0538
    }
    return tk.length(p) >= 3 || afterName ? p : -1;
  }

  int stateCode(int p) {
    if (!tk.is(p, WORD) || tk.length(p) < 2 || tk.length(p) > 3 || !tk.allUpper(p)) {
      return -1;
    }
    return p + 1 >= tk.size || tk.is(p + 1, NUMBER) || tk.is(p + 1, NEWLINE) || tk.is(p + 1, COMMA) ? p : -1;
  }

  /** A country name at p (case-insensitive, whole words), ending with a closing parenthesis if any. */
  int country(int p) {
    if (!words.has(p, AddressLexicon.COUNTRY_START)) {
      return -1;
    }
    for (String[] name : lexicon.countriesStartingWith(tk.lower(p))) {
      int k = p;
      int matched = 0;
      int end = p;
      while (matched < name.length && k < tk.size) {
        if (tk.punct(k) == '(' || tk.punct(k) == ')') {
          end = k;
          k++;
          continue;
        }
        if (!tk.is(k, WORD) || !tk.lower(k).equals(name[matched])) {
          break;
        }
        end = k;
        matched++;
        k++;
      }
      if (matched == name.length) {
        return tk.punct(end + 1) == ')' ? end + 1 : end;
      }
    }
    return -1;
  }

  /** One to four names on one line (Karlovy Vary, CONFLANS-SAINTE-HONORINE), not a "Label:". */
  int city(int p) {
    if (!tk.is(p, WORD) || !words.isName(p) || words.has(p, AddressLexicon.NOT_A_NAME) || words.isConnector(p)) {
      return -1;
    }
    int last = p;
    int count = 1;
    while (count < MAX_CITY_WORDS) {
      int next = words.afterAbbreviation(last);
      if (next < 0 || !tk.is(next, WORD) || !tk.spaceBetween(next - 1) || !words.isName(next)
          || words.has(next, AddressLexicon.NOT_A_NAME)) {
        break;
      }
      last = next;
      count++;
    }
    while (last > p && words.isConnector(last)) {
      last--;
    }
    if (tk.punct(last + 1) == ':') {
      return -1;
    }
    if (tk.punct(last + 1) == '(' && tk.is(last + 2, WORD) && tk.punct(last + 3) == ')') {
      last += 3; // ΑΓΛΑΝΤΖΙΑ (ΑΓΛΑΓΓΙΑ)
    }
    return last;
  }
}
