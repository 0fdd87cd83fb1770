package io.guardstream.inspect.pii;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import opennlp.tools.ml.maxent.GISModel;
import opennlp.tools.ml.model.Context;
import opennlp.tools.namefind.BioCodec;
import opennlp.tools.namefind.TokenNameFinderModel;
import opennlp.tools.util.Span;
import opennlp.tools.util.featuregen.FeatureGeneratorUtil;

/**
 * Greedy decoding of the trained name finder: for every window the same spans and probabilities
 * as OpenNLP's {@code NameFinderME} with a beam of one, computed without its per-token overhead.
 *
 * <p>{@code NameFinderME} builds every token's context as strings ({@link NameFeatures} for the
 * word and its neighbours, then the previous outcomes) and looks each one up in the model. Here the
 * weights of a word's features in each of its three roles are looked up once per word and cached,
 * so tagging a token sums a few cached arrays; the sums are exponentiated and normalised as
 * {@code GISModel} does, in the same order, so the probabilities come out bit for bit the same.
 * A token that belongs to no name needs no probability, so it skips the exponentials unless two
 * outcomes are close enough for rounding to matter (see {@link #closeCall}). The feature set is
 * fixed in code, so the constructor refuses a model whose feature descriptor is not the one this
 * class implements.
 *
 * <p>Thread-safe: all per-call state is local, and the word cache is per thread.
 */
final class NameDecoder {

  static final String FEATURES_RESOURCE = "name-features.xml";
  /** Where a trained model keeps its feature descriptor and its maxent model. */
  private static final String FEATURES_ARTIFACT = "generator.featuregen";
  private static final String MAXENT_ARTIFACT = "nameFinder.model";
  private static final String OTHER = "other";
  private static final String START = "-start";
  private static final String CONTINUE = "-cont";
  /** The classes {@link FeatureGeneratorUtil#tokenFeature} assigns. */
  private static final String[] CLASSES = {
    "jah", "jak", "lc", "2d", "4d", "an", "dd", "ds", "dc", "dp", "num", "sc", "ac", "cp", "ic", "other"};

  private final Map<String, Context> predicates;
  private final String[] outcomes;
  /** GIS with a uniform prior starts every outcome at log(1 / outcomes). */
  private final double logPrior;
  /** Outcome ids: whether each continues a name, and the name type each starts or continues. */
  private final boolean[] continues;
  private final String[] nameTypes;
  private final int otherOutcome;

  private final Map<String, Integer> classIds = new HashMap<>();
  private final Context[] previousOutcome;
  private final Context[] outcomeBeforePrevious;
  private final Context[][] previousOutcomeAndClass;
  /** Lower-cased words that begin a word-before-and-shape pair feature the model has. */
  private final Set<String> pairFirst = new HashSet<>();
  /**
   * Per thread, the model's weights for the features of each recently seen word. Prompts repeat
   * their words, so most tokens skip the string building and lookups; cleared when full, so an
   * attacker's stream of new words costs memory bounded by {@link #MAX_CACHED_WORDS}.
   */
  private final ThreadLocal<Map<String, Word>> words = ThreadLocal.withInitial(HashMap::new);
  static final int MAX_CACHED_WORDS = 8192;
  /** Summed weights further apart than this stay strictly ordered through exp and division. */
  private static final double CLOSE_CALL = 1e-6;

  /** Spans found in one window and their probabilities, as {@code NameFinderME} reports them. */
  record Found(Span[] spans, double[] probs) {}

  @SuppressWarnings("unchecked")
  NameDecoder(TokenNameFinderModel finderModel) {
    byte[] descriptor = finderModel.getArtifact(FEATURES_ARTIFACT);
    if (descriptor == null || !Arrays.equals(descriptor, bundledDescriptor())) {
      throw new IllegalStateException("the name finder model was trained with other features than "
          + FEATURES_RESOURCE + "; NameDecoder implements only those");
    }
    if (!(finderModel.getArtifact(MAXENT_ARTIFACT) instanceof GISModel gis)) {
      throw new IllegalStateException("the name finder model is not a GIS maxent model");
    }
    Object[] data = gis.getDataStructures();
    this.predicates = (Map<String, Context>) data[1];
    this.outcomes = (String[]) data[2];
    this.logPrior = StrictMath.log(1.0 / outcomes.length);
    if (!(finderModel.getFactory().createSequenceCodec() instanceof BioCodec)) {
      throw new IllegalStateException("the name finder model does not use BIO outcomes");
    }
    this.continues = new boolean[outcomes.length];
    this.nameTypes = new String[outcomes.length];
    int other = -1;
    for (int o = 0; o < outcomes.length; o++) {
      continues[o] = outcomes[o].endsWith(CONTINUE);
      int dash = outcomes[o].lastIndexOf('-');
      nameTypes[o] = dash > 0 && (continues[o] || outcomes[o].endsWith(START)) ? outcomes[o].substring(0, dash) : null;
      other = outcomes[o].equals(OTHER) ? o : other;
    }
    if (other < 0) {
      throw new IllegalStateException("the name finder model has no outcome " + OTHER);
    }
    this.otherOutcome = other;
    int c = CLASSES.length;
    for (int a = 0; a < c; a++) {
      classIds.put(CLASSES[a], a);
    }
    int n = outcomes.length;
    previousOutcome = new Context[n];
    outcomeBeforePrevious = new Context[n];
    previousOutcomeAndClass = new Context[n][c];
    for (int o = 0; o < n; o++) {
      previousOutcome[o] = predicates.get("po=" + outcomes[o]);
      outcomeBeforePrevious[o] = predicates.get("ppo=" + outcomes[o]);
      for (int a = 0; a < c; a++) {
        previousOutcomeAndClass[o][a] = predicates.get("powf=" + outcomes[o] + "," + CLASSES[a]);
      }
    }
    for (String predicate : predicates.keySet()) {
      if (predicate.startsWith(NameFeatures.PAIR)) {
        // a class holds no comma, so the word ends at the last one
        pairFirst.add(predicate.substring(NameFeatures.PAIR.length(), predicate.lastIndexOf(',')));
      }
    }
  }

  private static byte[] bundledDescriptor() {
    try (InputStream in = NameDecoder.class.getResourceAsStream(FEATURES_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("feature descriptor missing from classpath: " + FEATURES_RESOURCE);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + FEATURES_RESOURCE, e);
    }
  }

  /** What the model knows about one word, in each role it can have in a token's context. */
  private final class Word {
    final String token;
    final String lower;
    final int cls;
    final Context[] asCurrent;
    final Context[] asPrevious;
    final Context[] asNext;
    final Context[] asBeforePrevious;
    final boolean pairFirst;
    /** Pair features by the class of the word after this one, and "pow" by previous outcome, on first use. */
    final Context[] pairWithClass = new Context[CLASSES.length];
    final boolean[] pairKnown = new boolean[CLASSES.length];
    final Context[] afterOutcome;
    final boolean[] afterOutcomeKnown;

    Word(String token) {
      this.token = token;
      this.lower = token.toLowerCase(Locale.ROOT);
      this.cls = classIds.get(FeatureGeneratorUtil.tokenFeature(token));
      int flags = NameLexicon.instance().flags(token);
      asCurrent = weights(token, flags, NameFeatures.Role.CURRENT);
      asPrevious = weights(token, flags, NameFeatures.Role.PREVIOUS);
      asNext = weights(token, flags, NameFeatures.Role.NEXT);
      asBeforePrevious = weights(token, flags, NameFeatures.Role.BEFORE_PREVIOUS);
      pairFirst = NameDecoder.this.pairFirst.contains(lower);
      afterOutcome = new Context[outcomes.length];
      afterOutcomeKnown = new boolean[outcomes.length];
    }

    /** The weights of the word's features in one role, in order, leaving out those the model lacks. */
    private Context[] weights(String token, int flags, NameFeatures.Role role) {
      List<String> features = new ArrayList<>(8);
      NameFeatures.wordFeatures(token, flags, role, features);
      List<Context> known = new ArrayList<>(features.size());
      for (String f : features) {
        Context c = predicates.get(f);
        if (c != null) {
          known.add(c);
        }
      }
      return known.toArray(new Context[0]);
    }

    Context pairWith(int nextClass) {
      if (!pairKnown[nextClass]) {
        pairWithClass[nextClass] = pairFirst ? predicates.get(NameFeatures.PAIR + lower + "," + CLASSES[nextClass]) : null;
        pairKnown[nextClass] = true;
      }
      return pairWithClass[nextClass];
    }

    Context afterOutcome(int outcome) {
      if (!afterOutcomeKnown[outcome]) {
        afterOutcome[outcome] = predicates.get("pow=" + outcomes[outcome] + "," + token);
        afterOutcomeKnown[outcome] = true;
      }
      return afterOutcome[outcome];
    }
  }

  private Word[] words(String[] tokens) {
    Map<String, Word> cache = words.get();
    if (cache.size() > MAX_CACHED_WORDS) {
      cache.clear();
    }
    Word[] found = new Word[tokens.length];
    for (int i = 0; i < tokens.length; i++) {
      Word w = cache.get(tokens[i]);
      if (w == null) {
        w = new Word(tokens[i]);
        cache.put(tokens[i], w);
      }
      found[i] = w;
    }
    return found;
  }

  Found find(String[] tokens) {
    int n = tokens.length;
    Word[] window = words(tokens);
    int[] chosen = new int[n];
    double[] probs = new double[n];
    Context[] active = new Context[48];
    double[] scores = new double[outcomes.length];
    for (int i = 0; i < n; i++) {
      int count = context(i, window, chosen, active);
      sum(active, count, scores);
      int best = bestValid(i, chosen, scores);
      if (best != otherOutcome || closeCall(i, chosen, scores, best)) {
        // a name's probability is reported, so compute it exactly as GISModel does, and choose on
        // the probabilities when two outcomes are so close that rounding could tie them
        normalise(scores);
        best = bestValid(i, chosen, scores);
        probs[i] = scores[best];
      }
      chosen[i] = best; // a token outside every name has no probability: none is reported
    }
    Span[] spans = decode(chosen);
    double[] spanProbs = new double[spans.length];
    for (int s = 0; s < spans.length; s++) {
      double p = 0;
      for (int t = spans[s].getStart(); t < spans[s].getEnd(); t++) {
        p += probs[t];
      }
      spanProbs[s] = p / spans[s].length();
    }
    return new Found(spans, spanProbs);
  }

  /**
   * BioCodec.decode over outcome ids: a span from each start through the continuations after it.
   * The sequence is valid (see {@link #valid}), so a continuation always follows its own type.
   */
  private Span[] decode(int[] chosen) {
    int count = 0;
    for (int o : chosen) {
      count += nameTypes[o] != null && !continues[o] ? 1 : 0;
    }
    Span[] spans = new Span[count];
    int s = 0;
    for (int i = 0; i < chosen.length; i++) {
      if (nameTypes[chosen[i]] != null && !continues[chosen[i]]) {
        int end = i + 1;
        while (end < chosen.length && continues[chosen[end]]) {
          end++;
        }
        spans[s++] = new Span(i, end, nameTypes[chosen[i]]);
      }
    }
    return spans;
  }

  /**
   * OpenNLP's NameFinderSequenceValidator: a name can only be continued right after its own start
   * or continuation.
   */
  private boolean valid(int i, int[] chosen, int outcome) {
    if (!continues[outcome]) {
      return true;
    }
    if (i == 0 || chosen[i - 1] == otherOutcome) {
      return false;
    }
    String previous = nameTypes[chosen[i - 1]];
    String type = nameTypes[outcome];
    return previous == null && type == null || type != null && type.equals(previous);
  }

  /** The valid outcome with the highest score (the first of equal ones), as the beam of one keeps. */
  private int bestValid(int i, int[] chosen, double[] scores) {
    int best = -1;
    for (int o = 0; o < scores.length; o++) {
      if ((best < 0 || scores[o] > scores[best]) && valid(i, chosen, o)) {
        best = o;
      }
    }
    return best;
  }

  /**
   * True when another valid outcome's summed weight is within {@link #CLOSE_CALL} of the best one.
   * Exponentiation and normalisation keep the order of sums that far apart, so otherwise the
   * outcome chosen on the sums is the one chosen on the probabilities, and a token outside every
   * name needs no probability at all: that skips StrictMath.exp for almost every token.
   */
  private boolean closeCall(int i, int[] chosen, double[] sums, int best) {
    for (int o = 0; o < sums.length; o++) {
      if (o != best && sums[best] - sums[o] <= CLOSE_CALL && valid(i, chosen, o)) {
        return true;
      }
    }
    return false;
  }

  /** GISModel.eval's sums with a uniform prior: the same additions in the same order. */
  private void sum(Context[] active, int count, double[] scores) {
    Arrays.fill(scores, logPrior);
    for (int f = 0; f < count; f++) {
      Context c = active[f];
      if (c != null) {
        int[] ids = c.getOutcomes();
        double[] weights = c.getParameters();
        for (int k = 0; k < ids.length; k++) {
          scores[ids[k]] += weights[k];
        }
      }
    }
  }

  /** GISModel.eval's normalisation: the same StrictMath calls in the same order, so the same doubles. */
  private static void normalise(double[] scores) {
    double normal = 0.0;
    for (int o = 0; o < scores.length; o++) {
      scores[o] = StrictMath.exp(scores[o]);
      normal += scores[o];
    }
    for (int o = 0; o < scores.length; o++) {
      scores[o] /= normal;
    }
  }

  /**
   * The model's weights for the features of token i, in the order {@link NameFeatures} writes them
   * followed by NameFinderME's previous-outcome features; null where the model has no such feature.
   */
  private int context(int i, Word[] window, int[] chosen, Context[] f) {
    Word w = window[i];
    Word prev = i > 0 ? window[i - 1] : null;
    Word next = i + 1 < window.length ? window[i + 1] : null;
    int k = 0;
    for (Context c : w.asCurrent) {
      f[k++] = c;
    }
    if (prev != null) {
      for (Context c : prev.asPrevious) {
        f[k++] = c;
      }
    }
    if (next != null) {
      for (Context c : next.asNext) {
        f[k++] = c;
      }
    }
    if (i > 1) {
      for (Context c : window[i - 2].asBeforePrevious) {
        f[k++] = c;
      }
    }
    if (prev != null) {
      f[k++] = prev.pairWith(w.cls);
    }
    // the decisions so far
    int po = prev != null ? chosen[i - 1] : otherOutcome;
    int ppo = i > 1 ? chosen[i - 2] : otherOutcome;
    f[k++] = previousOutcome[po];
    f[k++] = w.afterOutcome(po);
    f[k++] = previousOutcomeAndClass[po][w.cls];
    f[k++] = outcomeBeforePrevious[ppo];
    return k;
  }
}
