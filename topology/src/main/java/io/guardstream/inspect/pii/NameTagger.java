package io.guardstream.inspect.pii;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import opennlp.tools.dictionary.Dictionary;
import opennlp.tools.namefind.NameFinderME;
import opennlp.tools.namefind.TokenNameFinderModel;
import opennlp.tools.util.Span;
import opennlp.tools.util.StringList;

/**
 * Runs the trained OpenNLP name finder (PERSON and LOCATION, see {@code NameFinderTrainer}) over a
 * text once and hands the spans to both {@link PersonRecognizer} and {@link LocationRecognizer}.
 *
 * <p>Thread-safe: the model is shared and immutable, but {@link NameFinderME} keeps per-call state,
 * so each thread has its own finder. Each thread also remembers the spans of the last text it
 * tagged, because the scanner calls the person and the location recogniser on the same text one
 * after the other and the model is the costly part of both.
 */
public final class NameTagger {

  public static final String PERSON = "PERSON";
  public static final String LOCATION = "LOCATION";
  /** Greedy decoding: a beam of 3 moved held-out recall by less than a point. */
  static final int BEAM_SIZE = 1;
  static final String MODEL_RESOURCE = "name-finder.bin";
  /** Artifact names of the gazetteers inside the model, as name-features.xml refers to them. */
  static final String PERSON_GAZETTEER = "person-names.dict";
  static final String PLACE_GAZETTEER = "places.dict";

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
  private final Set<String> knownNames;
  private final AddressRecognizer addresses = new AddressRecognizer();
  private final ThreadLocal<NameFinderME> finders;
  private final ThreadLocal<LastText> last = new ThreadLocal<>();

  /** The last text a thread tagged, its names and, once asked for, its street addresses. */
  private static final class LastText {
    final String text;
    final List<Name> names;
    List<Candidate> addresses;

    LastText(String text, List<Name> names) {
      this.text = text;
      this.names = names;
    }
  }

  /** Loads the bundled model. */
  public NameTagger() {
    try (InputStream in = NameTagger.class.getResourceAsStream(MODEL_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("name finder model missing from classpath: " + MODEL_RESOURCE);
      }
      this.model = new TokenNameFinderModel(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load name finder model " + MODEL_RESOURCE, e);
    }
    this.finders = ThreadLocal.withInitial(() -> new NameFinderME(model));
    this.knownNames = gazetteer(model, PERSON_GAZETTEER);
  }

  /** The lower-cased single-token entries of a gazetteer the trainer stored in the model. */
  private static Set<String> gazetteer(TokenNameFinderModel model, String name) {
    Dictionary dictionary = model.getArtifact(name);
    if (dictionary == null) {
      return Set.of();
    }
    Set<String> entries = new HashSet<>();
    for (StringList entry : dictionary) {
      if (entry.size() == 1) {
        entries.add(entry.getToken(0).toLowerCase(Locale.ROOT));
      }
    }
    return Set.copyOf(entries);
  }

  /** The names in {@code text}, computed once per text per thread. */
  List<Name> names(String text) {
    return lastText(text).names;
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
    LastText cached = lastText(text);
    if (cached.addresses == null) {
      cached.addresses = new ArrayList<>();
      if (addresses.mightMatch(profile)) {
        addresses.detect(text, profile, cached.addresses);
      }
    }
    for (Candidate a : cached.addresses) {
      if (a.start() < end && start < a.end()) {
        return true;
      }
    }
    return false;
  }

  private LastText lastText(String text) {
    LastText cached = last.get();
    if (cached != null && cached.text == text) {
      return cached;
    }
    cached = new LastText(text, tag(text));
    last.set(cached);
    return cached;
  }

  private List<Name> tag(String text) {
    NameFinderME finder = finders.get();
    List<Name> names = new ArrayList<>();
    for (NameTokens.Line line : NameTokens.lines(text, true)) {
      String[] tokens = line.tokens();
      int t = 0;
      while (t < tokens.length) {
        if (!isCandidate(tokens, t)) {
          t++;
          continue;
        }
        // one window per cluster of candidates whose windows would touch, so no word is tagged twice
        int from = Math.max(0, t - LEFT_CONTEXT);
        int to = Math.min(tokens.length, t + 1 + RIGHT_CONTEXT);
        int next = t + 1;
        while (next < tokens.length && next - LEFT_CONTEXT <= to) {
          if (isCandidate(tokens, next)) {
            to = Math.min(tokens.length, next + 1 + RIGHT_CONTEXT);
          }
          next++;
        }
        tagWindow(finder, line, from, to, names);
        t = to;
      }
    }
    return names;
  }

  private static void tagWindow(NameFinderME finder, NameTokens.Line line, int from, int to, List<Name> names) {
    String[] tokens = line.tokens();
    String[] window = from == 0 && to == tokens.length ? tokens : Arrays.copyOfRange(tokens, from, to);
    Span[] spans = finder.find(window);
    if (spans.length == 0) {
      return;
    }
    double[] probs = finder.probs(spans);
    for (int i = 0; i < spans.length; i++) {
      int first = from + spans[i].getStart();
      int last = from + spans[i].getEnd() - 1;
      names.add(new Name(spans[i].getType(), line.start()[first], line.end()[last], probs[i],
          spans[i].length(), first == 0 || isSentenceEnd(tokens, first - 1)));
    }
  }

  /**
   * A word the model is run around: title case, and not a lone capital at the start of a sentence
   * unless it is a known name or the next word is capitalised too. Most capitals in ordinary
   * prompts start a sentence, so this keeps the model (about 10 us a token) off most text.
   */
  private boolean isCandidate(String[] tokens, int t) {
    if (!isTitleCase(tokens[t])) {
      return false;
    }
    if (t > 0 && !isSentenceEnd(tokens, t - 1)) {
      return true;
    }
    return (t + 1 < tokens.length && isTitleCase(tokens[t + 1]))
        || knownNames.contains(tokens[t].toLowerCase(Locale.ROOT));
  }

  private static boolean isTitleCase(String token) {
    if (token.length() < 2 || !Character.isUpperCase(token.charAt(0))) {
      return false;
    }
    for (int i = 1; i < token.length(); i++) {
      if (Character.isLowerCase(token.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  /**
   * True when token t ends a sentence. The dot of an abbreviation before a name (Dr., Mrs., an
   * initial) does not, so "Dr. John Smith" is not read as a sentence starting with "John".
   */
  private static boolean isSentenceEnd(String[] tokens, int t) {
    String token = tokens[t];
    if (token.length() != 1) {
      return false;
    }
    char c = token.charAt(0);
    if (c == '.') {
      return t == 0 || !isAbbreviation(tokens[t - 1]);
    }
    return c == '!' || c == '?' || c == ':' || c == '"';
  }

  private static boolean isAbbreviation(String token) {
    return Character.isUpperCase(token.charAt(0)) && token.length() <= 4 && HONORIFICS.contains(token)
        || token.length() == 1 && Character.isUpperCase(token.charAt(0));
  }

}
