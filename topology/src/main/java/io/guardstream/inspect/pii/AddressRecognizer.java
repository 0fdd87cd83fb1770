package io.guardstream.inspect.pii;

import static io.guardstream.inspect.pii.WordTokens.NUMBER;

import java.util.ArrayList;
import java.util.List;

/**
 * Street addresses, found from an anchor and grown over the rest of the address block.
 *
 * <p>Anchors: a run of names holding a street-type word next to a house number ("615 Benedum
 * Drive", "Wiesenstrasse 31", "Via dei Fiorentini 17", "ul. Posejdona 90"); a name between two
 * numbers ("59 Metsanurga 48"); a unit designator with its number ("Suite 683", "PSC 0729");
 * a US military address ("USNS Vestergaard", "APO AE 99874"); a number after "zip code".
 *
 * <p>From an anchor the span takes preceding house numbers and then, on the same or the next
 * lines, units, city names, state codes, postal codes and country names, until something that is
 * not part of an address (a lower-case word, sentence punctuation, a phone number, a blank line).
 * Anchors a few separators apart are one address. This is a heuristic: it favours recall of
 * whole address blocks over the exact boundaries, which matters less for masking.
 */
public final class AddressRecognizer implements EntityRecognizer {

  public static final String TYPE = "ADDRESS";
  /** An anchor's number is at most this many tokens from any of its words (six names and two dots). */
  private static final int NUMBER_REACH = 9;

  private final AddressLexicon lexicon = new AddressLexicon();

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public boolean mightMatch(TextProfile profile) {
    return profile.digits() >= 1 && profile.letters() >= 3;
  }

  @Override
  public void detect(String text, TextProfile profile, List<Candidate> out) {
    out.addAll(addresses(text, profile));
  }

  /** The addresses in {@code text}, found once per scan: the name recognisers ask again. */
  List<Candidate> addresses(String text, TextProfile profile) {
    List<Candidate> found = profile.addresses();
    if (found == null) {
      found = mightMatch(profile) ? find(text, profile) : List.of();
      profile.addresses(found);
    }
    return found;
  }

  private List<Candidate> find(String text, TextProfile profile) {
    List<Candidate> out = new ArrayList<>();
    WordTokens tk = profile.words();
    AddressWords words = new AddressWords(tk, lexicon, !hasUpperCase(text));
    AddressAnchors anchors = new AddressAnchors(words);
    AddressExtent extent = new AddressExtent(words, anchors, lexicon);
    int[] numberDistance = numberDistance(tk);
    List<int[]> spans = new ArrayList<>(); // {firstToken, lastToken, score * 100}
    int t = 0;
    while (t < tk.size) {
      // every anchor has a number within a few tokens; most words are nowhere near one
      int[] core = numberDistance[t] <= NUMBER_REACH && !words.glued(t) ? anchors.core(t) : null;
      if (core == null) {
        t++;
        continue;
      }
      int first = extent.extendLeft(core[0]);
      int last = extent.extendRight(core[1]);
      int[] previous = spans.isEmpty() ? null : spans.get(spans.size() - 1);
      if (previous != null && (first <= previous[1] || words.adjacent(previous[1], first))) {
        previous[0] = Math.min(previous[0], first);
        previous[1] = Math.max(previous[1], last);
        previous[2] = Math.max(previous[2], core[2]);
      } else {
        spans.add(new int[] {first, last, core[2]});
      }
      t = Math.max(last, core[1]) + 1;
    }
    for (int[] s : spans) {
      out.add(new Candidate(TYPE, tk.start[s[0]], words.endOf(s[1]), s[2] / 100.0));
    }
    return out;
  }

  /** For each token, how many tokens away the nearest number is (before or after). */
  private static int[] numberDistance(WordTokens tk) {
    int[] d = new int[tk.size];
    int last = -1_000;
    for (int t = 0; t < tk.size; t++) {
      if (tk.kind[t] == NUMBER) {
        last = t;
      }
      d[t] = t - last;
    }
    last = 1_000_000;
    for (int t = tk.size - 1; t >= 0; t--) {
      if (tk.kind[t] == NUMBER) {
        last = t;
      }
      d[t] = Math.min(d[t], last - t);
    }
    return d;
  }

  private static boolean hasUpperCase(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (Character.isUpperCase(text.charAt(i))) {
        return true;
      }
    }
    return false;
  }
}
