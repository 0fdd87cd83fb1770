package io.guardstream.inspect.pii;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import opennlp.tools.namefind.TokenNameFinderModel;
import opennlp.tools.util.Span;

/**
 * Runs the trained OpenNLP name finder (PERSON and LOCATION, see {@code NameFinderTrainer}) over a
 * text once and hands the spans to both {@link PersonRecognizer} and {@link LocationRecognizer}.
 *
 * <p>Thread-safe: the model is shared and immutable, and {@link NameDecoder} keeps no state between
 * calls. The spans of a text are kept in the scan's {@link TextProfile},
 * because the scanner calls the person and the location recogniser on the same text one after the
 * other and the model is the costly part of both.
 */
public final class NameTagger {

  public static final String PERSON = "PERSON";
  public static final String LOCATION = "LOCATION";
  /** Greedy decoding: a beam of 3 moved held-out recall by less than a point. */
  static final int BEAM_SIZE = 1;
  static final String MODEL_RESOURCE = "name-finder.bin";

  /** A name the model found: its type, Java char offsets, model probability and token context. */
  record Name(String type, int start, int end, double probability, int tokens, boolean lineStart) {}

  private static final Set<String> HONORIFICS = Set.of("Mr", "Mrs", "Ms", "Mx", "Dr", "Prof", "Sr", "Jr", "St");
  /**
   * Tokens before and after a candidate word that go into its window. The features read one token
   * either side; a second token before gives the decoder the outcome of the previous word, which
   * was worth 3 points of held-out PERSON recall, while a second token after was worth nothing
   * and cost a fifth of the tagging time.
   */
  private static final int LEFT_CONTEXT = 2;
  private static final int RIGHT_CONTEXT = 1;

  private final TokenNameFinderModel model;
  private final NameLexicon lexicon = NameLexicon.instance();
  private final AddressRecognizer addresses = new AddressRecognizer();
  private final NameDecoder decoder;
  private final NameCues cues = new NameCues(lexicon);

  /** Loads the bundled model. */
  public NameTagger() {
    this(bundledModel());
  }

  /** A tagger over another model, e.g. one trained without some templates to score on them. */
  NameTagger(TokenNameFinderModel model) {
    this.model = model;
    this.decoder = new NameDecoder(model);
  }

  private static TokenNameFinderModel bundledModel() {
    try (InputStream in = NameTagger.class.getResourceAsStream(MODEL_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("name finder model missing from classpath: " + MODEL_RESOURCE);
      }
      return new TokenNameFinderModel(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load name finder model " + MODEL_RESOURCE, e);
    }
  }

  /** The names in {@code text}, computed once per scan. */
  List<Name> names(String text, TextProfile profile) {
    List<Name> names = profile.names();
    if (names == null) {
      // most prompts hold no capitalised word a name could start with: then no token is cut
      if (!profile.hasUpperCase()) {
        names = tagLowerCase(profile.words());
      } else {
        names = NameTokens.mayHoldName(text, 0, text.length()) ? tag(profile.words()) : List.of();
      }
      profile.names(names);
    }
    return names;
  }

  /**
   * True when the span lies inside a street address of {@code text}. A city, state or resident
   * name in an address block is part of that address: reported alone it would beat the address
   * span in the scanner's overlap resolution and leave the street and number unmasked.
   */
  boolean insideAddress(String text, TextProfile profile, int start, int end) {
    if (profile.digits() == 0) {
      return false; // every address anchor has a number
    }
    for (Candidate a : addresses.addresses(text, profile)) {
      if (a.start() < end && start < a.end()) {
        return true;
      }
    }
    return false;
  }

  private List<Name> tag(WordTokens words) {
    List<Name> names = new ArrayList<>();
    for (NameTokens.Line line : NameTokens.lines(words, true)) {
      int size = line.size();
      int lineFrom = names.size();
      cues.find(line, names);
      int cuesEnd = names.size();
      int t = 0;
      while (t < size) {
        if (!needsModel(line, t, names, lineFrom, cuesEnd)) {
          t++;
          continue;
        }
        // one window per cluster of candidates whose windows would touch, so no word is tagged twice
        int from = Math.max(0, t - LEFT_CONTEXT);
        int to = Math.min(size, t + 1 + RIGHT_CONTEXT);
        int next = t + 1;
        while (next < size && next - LEFT_CONTEXT <= to) {
          if (needsModel(line, next, names, lineFrom, cuesEnd)) {
            to = Math.min(size, next + 1 + RIGHT_CONTEXT);
          }
          next++;
        }
        tagWindow(line, from, to, names);
        t = to;
      }
      cues.coordinate(line, names, lineFrom);
      dropDuplicates(names, lineFrom);
    }
    return names;
  }

  /**
   * Of the cue's and the model's names of one type that overlap, keeps the more probable (then the
   * longer): both often find the same name, and the recognisers should report it once.
   */
  private static void dropDuplicates(List<Name> names, int from) {
    for (int a = names.size() - 1; a >= from; a--) {
      Name x = names.get(a);
      for (int b = from; b < names.size(); b++) {
        Name y = names.get(b);
        if (b != a && x.type().equals(y.type()) && x.start() < y.end() && y.start() < x.end() && !better(x, y)) {
          names.remove(a);
          break;
        }
      }
    }
  }

  private static boolean better(Name x, Name y) {
    if (x.probability() != y.probability()) {
      return x.probability() > y.probability();
    }
    return x.end() - x.start() > y.end() - y.start() || x.end() - x.start() == y.end() - y.start() && x.start() < y.start();
  }

  /** A text written all in lower case: the model, trained on capitalised names, is not run. */
  private List<Name> tagLowerCase(WordTokens words) {
    List<Name> names = new ArrayList<>();
    for (NameTokens.Line line : NameTokens.lines(words, false)) {
      int lineFrom = names.size();
      cues.findLowerCase(line, names);
      dropDuplicates(names, lineFrom);
    }
    return names;
  }

  /**
   * A candidate word that no confident cue already explains: the model (the costly part) is run
   * only where the cues are unsure, and most names in prose come with a cue or a known first name.
   */
  private boolean needsModel(NameTokens.Line line, int t, List<Name> names, int from, int to) {
    if (!isCandidate(line, t)) {
      return false;
    }
    int offset = line.start()[t];
    for (int n = from; n < to; n++) {
      Name name = names.get(n);
      if (name.start() <= offset && offset < name.end() && name.probability() >= NameCues.CONFIDENT) {
        return false;
      }
    }
    return true;
  }

  private void tagWindow(NameTokens.Line line, int from, int to, List<Name> names) {
    String[] window = new String[to - from];
    for (int i = from; i < to; i++) {
      window[i - from] = line.token(i);
    }
    NameDecoder.Found found = decoder.find(window);
    Span[] spans = found.spans();
    double[] probs = found.probs();
    for (int i = 0; i < spans.length; i++) {
      int first = from + spans[i].getStart();
      int last = from + spans[i].getEnd() - 1;
      if (last > first && PERSON.equals(spans[i].getType()) && NameCues.isProductWord(line.flags(last))) {
        continue; // "Kafka Streams": see NameCues#isProductWord
      }
      names.add(new Name(spans[i].getType(), line.start()[first], line.end()[last], probs[i],
          spans[i].length(), first == 0 || isSentenceEnd(line, first - 1)));
    }
  }

  /**
   * A word the model is run around: title case, and at the start of a sentence only when it is not
   * a plain dictionary word ("Please", "Write") or the next word is capitalised too. Most capitals in
   * ordinary prompts start a sentence with a common word, so this keeps the model off most text,
   * while a name that opens a sentence ("Sigursteinsson and Dean were...") is still read.
   */
  private boolean isCandidate(NameTokens.Line line, int t) {
    if (!isTitleCase(line, t)) {
      return false;
    }
    if (t > 0 && !isSentenceEnd(line, t - 1)) {
      return true;
    }
    return (t + 1 < line.size() && isTitleCase(line, t + 1)) || !NameCues.isPlainWord(line.flags(t));
  }

  static boolean isTitleCase(NameTokens.Line line, int t) {
    if (line.length(t) < 2 || !Character.isUpperCase(line.first(t))) {
      return false;
    }
    String text = line.text();
    for (int i = line.start()[t] + 1, end = line.end()[t]; i < end; i++) {
      if (Character.isLowerCase(text.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  /**
   * True when token t ends a sentence. The dot of an abbreviation before a name (Dr., Mrs., an
   * initial) does not, so "Dr. John Smith" is not read as a sentence starting with "John".
   */
  static boolean isSentenceEnd(NameTokens.Line line, int t) {
    if (line.length(t) != 1) {
      return false;
    }
    char c = line.first(t);
    if (c == '.') {
      return t == 0 || !isAbbreviation(line, t - 1);
    }
    return c == '!' || c == '?' || c == ':' || c == '"';
  }

  private static boolean isAbbreviation(NameTokens.Line line, int t) {
    if (!Character.isUpperCase(line.first(t))) {
      return false;
    }
    return line.length(t) == 1 || line.length(t) <= 4 && HONORIFICS.contains(line.token(t));
  }

}
