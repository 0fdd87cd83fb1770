package io.guardstream.inspect.injection;

import io.guardstream.inspect.InjectionScorer;
import io.guardstream.inspect.InjectionVerdict;
import io.guardstream.inspect.injection.EncodedPayloads.Payload;
import io.guardstream.inspect.injection.TextNormalizer.NormalizedText;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Rule-based prompt-injection and jailbreak detector, version 1.
 *
 * <p>Three layers. Normalisation undoes the disguises that defeat keyword filters (invisible
 * characters, compatibility forms, leetspeak, look-alike letters, spelled-out words) and decodes
 * smuggled payloads (base64, hex, binary, ROT13, reversed text, escapes), which are scanned like
 * the prompt. Weighted signatures, in English and the other languages attacks arrive in, recognise
 * the attack families: instruction override, system-prompt and secret extraction, persona
 * jailbreaks, privileged-mode claims, fake delimiters and chat-template tokens, refusal suppression
 * and response priming; structural checks add adversarial suffixes and hidden characters. The
 * matched weights combine by noisy-or into one score in 0..1, so independent weak cues add up while
 * one strong cue is enough on its own.
 *
 * <p>A fourth, learned layer ({@link InjectionClassifier}, logistic regression over hashed n-grams
 * of the normalised text) catches paraphrased overrides and jailbreak templates that no signature
 * names. Its probability is calibrated so that 0.5 is its held-out operating point, and the final
 * score is the larger of the two: either layer alone can flag, and a text flagged only by the model
 * carries the category {@code classifier}.
 *
 * <p>Immutable and thread-safe: one instance serves every stream thread. The catalogue is loaded
 * and every pattern compiled once, in the constructor.
 */
public final class InjectionDetector implements InjectionScorer {

  public static final String ID = "injection@3";

  /** Flag when the evidence is about as likely an attack as not. */
  public static final double DEFAULT_FLAG_THRESHOLD = 0.5;

  /** Token salad after a request has no benign reading, but the heuristic can misfire on code. */
  static final double ADVERSARIAL_SUFFIX_WEIGHT = 0.8;

  /** Unicode tag characters have no use in prompts except as an invisible ASCII channel. */
  static final double TAG_CHARACTERS_WEIGHT = 0.7;

  /**
   * A stray zero-width or bidi control arrives by copy-paste from web pages, so one or two only
   * amplify other evidence; several inside words are a deliberate split of keywords.
   */
  static final double INVISIBLE_CHARACTERS_WEIGHT = 0.25;

  static final int MANY_INVISIBLE_CHARACTERS = 4;
  static final double MANY_INVISIBLE_CHARACTERS_WEIGHT = 0.45;

  /**
   * Attack wording that shows only after folding leetspeak or look-alikes was hidden on purpose.
   */
  static final double OBFUSCATION_WEIGHT = 0.35;

  /** The same phrase many times in a row, to push the system prompt out of attention. */
  static final double REPETITION_WEIGHT = 0.4;

  /** An encoded payload that decodes to an attack signature. */
  static final double ENCODED_ATTACK_WEIGHT = 0.6;

  /** An encoded payload that decodes to plain prose: suspicious in a prompt, harmless in itself. */
  static final double ENCODED_TEXT_WEIGHT = 0.3;

  /** Category reported when the learned layer, not a signature, put the text over the threshold. */
  static final String CLASSIFIER_CATEGORY = "classifier";

  private static final String[] CATALOGUES = {"signatures-en.tsv", "signatures-i18n.tsv"};

  private final double flagThreshold;
  private final SignatureCatalog catalog;
  private final TextNormalizer normalizer = new TextNormalizer();
  private final EncodedPayloads payloads = new EncodedPayloads();
  private final AdversarialSuffix suffix = new AdversarialSuffix();
  private final RepetitionFlood repetition = new RepetitionFlood();
  private final InjectionClassifier classifier;
  private final int[] rot13Tells;
  private final int[] reversedTells;

  public InjectionDetector() {
    this(DEFAULT_FLAG_THRESHOLD);
  }

  /**
   * @param flagThreshold score at or above which a text is flagged, in (0, 1]
   */
  public InjectionDetector(double flagThreshold) {
    this(flagThreshold, InjectionClassifier.load());
  }

  /**
   * @param classifier the learned layer, or {@code null} for signatures only (the trainer uses
   *     this to measure what the model adds)
   */
  InjectionDetector(double flagThreshold, InjectionClassifier classifier) {
    if (!(flagThreshold > 0 && flagThreshold <= 1)) {
      throw new IllegalArgumentException(
          "injection flag threshold must be in (0, 1]: " + flagThreshold);
    }
    this.flagThreshold = flagThreshold;
    List<String> tells = new ArrayList<>(EncodedPayloads.ROT13_TELLS);
    tells.addAll(EncodedPayloads.REVERSED_TELLS);
    this.catalog = SignatureCatalog.load(tells, CATALOGUES);
    this.rot13Tells = catalog.literalIds(EncodedPayloads.ROT13_TELLS);
    this.reversedTells = catalog.literalIds(EncodedPayloads.REVERSED_TELLS);
    this.classifier = classifier;
  }

  @Override
  public String id() {
    return ID;
  }

  public double flagThreshold() {
    return flagThreshold;
  }

  @Override
  public InjectionVerdict score(String text) {
    if (text == null || text.isBlank()) {
      return InjectionVerdict.CLEAN;
    }
    NormalizedText normalized = normalizer.normalize(text);
    double model = classifier == null ? 0.0 : round(classifier.probability(normalized.text()));
    List<Evidence> evidence = collect(normalized);
    if (evidence.isEmpty() && model < flagThreshold) {
      return new InjectionVerdict(false, model, List.of());
    }
    boolean anySignal = evidence.stream().anyMatch(e -> !e.amplifier());
    double miss = 1.0;
    List<Evidence> counted = new ArrayList<>(evidence.size());
    for (Evidence e : evidence) {
      if (anySignal || !e.amplifier()) {
        miss *= 1.0 - e.weight();
        counted.add(e);
      }
    }
    double signatureScore = round(1.0 - miss);
    double score = Math.max(signatureScore, model);
    counted.sort(Comparator.comparingDouble(Evidence::weight).reversed());
    Set<String> categories = new LinkedHashSet<>();
    if (model >= flagThreshold && signatureScore < flagThreshold) {
      categories.add(CLASSIFIER_CATEGORY);
    }
    for (Evidence e : counted) {
      categories.add(e.category());
    }
    return new InjectionVerdict(score >= flagThreshold, score, List.copyOf(categories));
  }

  private static double round(double score) {
    return Math.round(score * 10_000) / 10_000.0;
  }

  /** The evidence behind a score, one line each ({@code category weight source}), for tuning. */
  List<String> explain(String text) {
    List<String> lines = new ArrayList<>();
    if (text != null && !text.isBlank()) {
      NormalizedText normalized = normalizer.normalize(text);
      for (Evidence e : collect(normalized)) {
        lines.add(e.category() + " " + e.weight() + (e.amplifier() ? " A " : " S ") + e.source());
      }
      if (classifier != null) {
        double model = classifier.probability(normalized.text());
        lines.add(CLASSIFIER_CATEGORY + " " + round(model) + " M " + InjectionClassifier.RESOURCE);
      }
    }
    return lines;
  }

  private record Evidence(String category, double weight, boolean amplifier, String source) {}

  private List<Evidence> collect(NormalizedText normalized) {
    List<Evidence> evidence = new ArrayList<>();
    BitSet hits = new BitSet(catalog.signatures().size());
    SignatureCatalog.View view = catalog.view(normalized.text());
    view.match(hits, false);
    if (normalized.deobfuscated() != null) {
      int before = hits.cardinality();
      catalog.view(normalized.deobfuscated()).match(hits, false);
      if (hits.cardinality() > before) {
        evidence.add(new Evidence("obfuscation", OBFUSCATION_WEIGHT, false, "deobfuscated"));
      }
    }
    for (Payload payload : findPayloads(normalized, view)) {
      BitSet inner = new BitSet(catalog.signatures().size());
      catalog.view(normalizer.normalizePayload(payload.text())).match(inner, false);
      if (!inner.isEmpty()) {
        hits.or(inner);
        evidence.add(
            new Evidence("payload_smuggling", ENCODED_ATTACK_WEIGHT, false, payload.encoding()));
      } else if (isBinaryToText(payload.encoding())) {
        evidence.add(
            new Evidence("payload_smuggling", ENCODED_TEXT_WEIGHT, false, payload.encoding()));
      }
    }
    if (suffix.matches(normalized.stripped())) {
      evidence.add(
          new Evidence("adversarial_suffix", ADVERSARIAL_SUFFIX_WEIGHT, false, "suffix-shape"));
    }
    if (repetition.matches(normalized.text())) {
      evidence.add(new Evidence("repetition_flood", REPETITION_WEIGHT, false, "repeated-phrase"));
    }
    if (normalized.tagChars() > 0) {
      evidence.add(new Evidence("hidden_characters", TAG_CHARACTERS_WEIGHT, false, "unicode-tags"));
    }
    if (normalized.invisibleChars() >= MANY_INVISIBLE_CHARACTERS) {
      evidence.add(
          new Evidence(
              "hidden_characters", MANY_INVISIBLE_CHARACTERS_WEIGHT, false, "zero-width-or-bidi"));
    } else if (normalized.invisibleChars() > 0) {
      evidence.add(
          new Evidence(
              "hidden_characters", INVISIBLE_CHARACTERS_WEIGHT, true, "zero-width-or-bidi"));
    }
    boolean anySignal = !hits.isEmpty() || evidence.stream().anyMatch(e -> !e.amplifier());
    if (anySignal) {
      // Amplifiers only matter next to a signal, so the common clean text never pays for them.
      view.match(hits, true);
    }
    List<Signature> signatures = catalog.signatures();
    for (int s = hits.nextSetBit(0); s >= 0; s = hits.nextSetBit(s + 1)) {
      Signature sig = signatures.get(s);
      evidence.add(new Evidence(sig.category(), sig.weight(), sig.amplifier(), sig.source()));
    }
    return evidence;
  }

  /** The encoded payloads of a text, whose tells {@code view} (of its normalised text) found. */
  List<Payload> findPayloads(NormalizedText normalized, SignatureCatalog.View view) {
    return payloads.find(
        normalized.stripped(),
        normalized.text(),
        view.containsAny(rot13Tells),
        view.containsAny(reversedTells));
  }

  /** The signatures, for the stage profile of the benchmarks. */
  SignatureCatalog catalog() {
    return catalog;
  }

  /** ROT13, reversal and escapes are only decoded when attack words showed through already. */
  private static boolean isBinaryToText(String encoding) {
    return encoding.equals("base64") || encoding.equals("hex") || encoding.equals("binary");
  }
}
