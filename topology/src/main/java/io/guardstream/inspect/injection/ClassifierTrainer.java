package io.guardstream.inspect.injection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Trains {@link InjectionClassifier} from the labelled injection data and reports how it
 * generalises.
 *
 * <p>Usage: {@code ClassifierTrainer DATA.jsonl MODEL.bin.gz}. The committed model is re-created,
 * byte for byte, from the repository root with:
 *
 * <pre>
 * mvn -B -q -o install -DskipTests
 * java -cp cli/target/guardstream.jar io.guardstream.inspect.injection.ClassifierTrainer \
 *     ../shared/data/injection.jsonl \
 *     topology/src/main/resources/io/guardstream/inspect/injection/injection-classifier.bin.gz
 * </pre>
 *
 * <p>Positives are {@code jailbreak} and {@code injection}; negatives are {@code benign} and
 * {@code harmful} (a plain harmful request overrides no instruction). Left out of training: self-instruct prompts (their authors ask that
 * they not be used for training; they serve only to pick the threshold and to evaluate), and the
 * CyberSecEval rows that are attacks only against their own system prompt (an off-topic question in
 * Greek is benign read alone; learning it as an attack would teach the model to flag languages).
 *
 * <p>Honest figures come from grouped cross-validation: rows are grouped by source, category and
 * the opening of their text, so near-duplicate templates stay on one side of every split, and each
 * row is scored by the model trained on the folds it is not in. The classifier threshold is the
 * lowest one that keeps the combined false-positive rate on these held-out benign prompts at or
 * below {@link #TARGET_BENIGN_FPR}. The shipped model is the mean of the fold models (for a linear
 * model, the mean of their logits) with its bias shifted so that this threshold becomes probability
 * 0.5 and its weights multiplied by a slope fitted on the held-out logits ({@link #calibrate}): it scores unseen text exactly as the threshold was chosen on the rows no fold trained on
 * (self-instruct), where a model refitted on all rows would have a different scale and drift off
 * the operating point. Deterministic for a given data file.
 */
public final class ClassifierTrainer {

  static final int BITS = 18;
  static final int FOLDS = 5;
  static final int EPOCHS = 12;
  static final double LEARNING_RATE = 0.2;
  static final double L2 = 3e-3;

  /** Leaves headroom under the product's 3% budget for prompts unlike the dev set's. */
  static final double TARGET_BENIGN_FPR = 0.02;

  private static final String EVAL_ONLY_SOURCE = "yizhongw/self-instruct";
  private static final int GROUP_PREFIX_CHARS = 48;

  private ClassifierTrainer() {}

  /** One labelled prompt, its features and where it may be used. */
  private record Example(
      String label, String source, int[] features, int fold, boolean train, boolean contextual) {
    boolean attack() {
      return label.equals("jailbreak") || label.equals("injection");
    }
  }

  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: ClassifierTrainer DATA.jsonl MODEL.bin.gz");
      System.exit(2);
    }
    List<Example> examples = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    load(Path.of(args[0]), examples, texts);
    InjectionDetector signatures =
        new InjectionDetector(InjectionDetector.DEFAULT_FLAG_THRESHOLD, null);
    boolean[] signatureFlag = new boolean[examples.size()];
    for (int i = 0; i < examples.size(); i++) {
      signatureFlag[i] = signatures.score(texts.get(i)).flagged();
    }

    double[] heldOutLogit = new double[examples.size()];
    double[] heldOutLogitRounded = new double[examples.size()];
    float[] weights = new float[(1 << BITS) + 1];
    for (int fold = 0; fold < FOLDS; fold++) {
      final int f = fold;
      float[] w = train(examples.stream().filter(e -> e.train() && e.fold() != f).toList());
      float[] rounded = roundedAsShipped(w);
      for (int b = 0; b < weights.length; b++) {
        weights[b] += w[b] / FOLDS;
      }
      for (int i = 0; i < examples.size(); i++) {
        Example e = examples.get(i);
        if (!e.train()) {
          // never trained on: scored by the mean of the fold models, as the shipped model will
          heldOutLogit[i] += logit(w, e.features()) / FOLDS;
          heldOutLogitRounded[i] += logit(rounded, e.features()) / FOLDS;
        } else if (e.fold() == f) {
          heldOutLogit[i] = logit(w, e.features());
          heldOutLogitRounded[i] = logit(rounded, e.features());
        }
      }
    }
    double threshold = chooseThreshold(examples, signatureFlag, heldOutLogit);
    System.out.printf("classifier logit threshold %.4f%n", threshold);
    report("signatures only (all rows)", examples, signatureFlag, null, threshold);
    report("signatures + classifier, held out", examples, signatureFlag, heldOutLogit, threshold);
    report(
        "signatures + classifier with 16-bit weights as loaded, held out",
        examples,
        signatureFlag,
        heldOutLogitRounded,
        threshold);

    double slope = calibrate(examples, heldOutLogit, threshold);
    System.out.printf("calibration slope %.4f%n", slope);
    float bias = (float) (slope * (weights[weights.length - 1] - threshold));
    float[] table = new float[1 << BITS];
    for (int b = 0; b < table.length; b++) {
      table[b] = (float) (slope * weights[b]);
    }
    try (OutputStream out = Files.newOutputStream(Path.of(args[1]))) {
      InjectionClassifier.write(out, BITS, bias, table);
    }
    InjectionClassifier model = new InjectionClassifier(BITS, bias, table);
    System.out.printf("wrote %s (%d bytes)%n", args[1], Files.size(Path.of(args[1])));
    timeScoring(model, texts);
  }

  private static void load(Path data, List<Example> examples, List<String> texts)
      throws IOException {
    ObjectMapper json = new ObjectMapper();
    TextNormalizer normalizer = new TextNormalizer();
    List<JsonNode> rows = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(data, StandardCharsets.UTF_8)) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (!line.isBlank()) {
          rows.add(json.readTree(line));
        }
      }
    }
    List<String> normalized =
        rows.stream().map(row -> normalizer.normalize(row.path("text").asText("")).text()).toList();
    List<String> behaviours = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      if (isJailbreakBench(rows.get(i)) && rows.get(i).path("label").asText().equals("harmful")) {
        behaviours.add(normalized.get(i));
      }
    }
    for (int i = 0; i < rows.size(); i++) {
      JsonNode row = rows.get(i);
      String label = row.path("label").asText();
      String source = row.path("source").asText();
      String category = row.path("category").asText("");
      boolean contextual =
          label.equals("injection")
              && (row.path("risk_category").asText("").equals("logic-violating")
                  || category.contains("different_user_input_language"));
      String text = normalized.get(i);
      int fold = Math.floorMod(group(row, text, behaviours).hashCode(), FOLDS);
      boolean train = !source.equals(EVAL_ONLY_SOURCE) && !contextual;
      examples.add(new Example(label, source, features(text), fold, train, contextual));
      texts.add(row.path("text").asText(""));
    }
  }

  /**
   * A JailbreakBench behaviour's goal and every attack that quotes it form one group, like the
   * data's own split, so held-out attacks are on behaviours the model never saw. CyberSecEval
   * cases that attack the same system prompt form one group. Otherwise source, category and the
   * opening of the text, which keeps shared templates together.
   */
  private static String group(JsonNode row, String normalized, List<String> behaviours) {
    if (isJailbreakBench(row)) {
      for (String goal : behaviours) {
        if (normalized.contains(goal)) {
          return "jbb|" + goal;
        }
      }
    }
    if (row.hasNonNull("system_prompt")) {
      return "cyberseceval|" + row.path("system_prompt").asText();
    }
    return row.path("source").asText()
        + '|'
        + row.path("category").asText("")
        + '|'
        + normalized.substring(0, Math.min(GROUP_PREFIX_CHARS, normalized.length()));
  }

  private static boolean isJailbreakBench(JsonNode row) {
    return row.path("source").asText().startsWith("JailbreakBench/");
  }

  private static int[] features(String normalized) {
    List<Integer> hashes = new ArrayList<>();
    NgramHasher.forEach(normalized, hashes::add);
    return hashes.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * Logistic regression by AdaGrad over class-balanced examples.
   *
   * @return {@code 2^BITS} weights followed by the bias
   */
  static float[] train(List<Example> rows) {
    int size = 1 << BITS;
    int mask = size - 1;
    double[] w = new double[size + 1];
    double[] g2 = new double[size + 1];
    long positives = rows.stream().filter(Example::attack).count();
    double positiveWeight = rows.size() / (2.0 * Math.max(1, positives));
    double negativeWeight = rows.size() / (2.0 * Math.max(1, rows.size() - positives));
    Integer[] order = new Integer[rows.size()];
    Arrays.setAll(order, i -> i);
    Random random = new Random(20_261_129L);
    for (int epoch = 0; epoch < EPOCHS; epoch++) {
      shuffle(order, random);
      for (int index : order) {
        Example e = rows.get(index);
        int[] x = e.features();
        double scale = InjectionClassifier.scale(x.length);
        double z = w[size];
        for (int h : x) {
          z += (h < 0 ? -w[h & mask] : w[h & mask]) * scale;
        }
        double p = 1.0 / (1.0 + Math.exp(-z));
        double g = (p - (e.attack() ? 1 : 0)) * (e.attack() ? positiveWeight : negativeWeight);
        for (int h : x) {
          int b = h & mask;
          double grad = (h < 0 ? -g : g) * scale + L2 * w[b];
          g2[b] += grad * grad;
          w[b] -= LEARNING_RATE * grad / Math.sqrt(g2[b] + 1e-8);
        }
        g2[size] += g * g;
        w[size] -= LEARNING_RATE * g / Math.sqrt(g2[size] + 1e-8);
      }
    }
    float[] out = new float[size + 1];
    for (int i = 0; i <= size; i++) {
      out[i] = (float) w[i];
    }
    return out;
  }

  private static void shuffle(Integer[] order, Random random) {
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      Integer t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
  }

  /**
   * A fold model's weights (not its bias) rounded to the 16-bit grid {@link InjectionClassifier}
   * loads them onto, so that the held-out figures can be given for the weights as they are used.
   */
  private static float[] roundedAsShipped(float[] w) {
    float[] table = Arrays.copyOf(w, w.length - 1);
    double unit = InjectionClassifier.unit(table);
    short[] units = InjectionClassifier.quantize(table, unit);
    float[] out = w.clone();
    for (int b = 0; b < units.length; b++) {
      out[b] = (float) (units[b] * unit);
    }
    return out;
  }

  private static double logit(float[] w, int[] x) {
    int mask = (1 << BITS) - 1;
    double sum = 0;
    for (int h : x) {
      sum += h < 0 ? -w[h & mask] : w[h & mask];
    }
    return w[w.length - 1] + sum * InjectionClassifier.scale(x.length);
  }

  /**
   * The lowest logit threshold at which signatures plus classifier flag at most {@link
   * #TARGET_BENIGN_FPR} of the held-out benign prompts.
   */
  private static double chooseThreshold(
      List<Example> examples, boolean[] signatureFlag, double[] logit) {
    List<Double> unflagged = new ArrayList<>();
    int benign = 0;
    int flaggedBySignatures = 0;
    for (int i = 0; i < examples.size(); i++) {
      if (examples.get(i).label().equals("benign")) {
        benign++;
        if (signatureFlag[i]) {
          flaggedBySignatures++;
        } else {
          unflagged.add(logit[i]);
        }
      }
    }
    unflagged.sort((a, b) -> Double.compare(b, a));
    int allowed = (int) Math.floor(TARGET_BENIGN_FPR * benign) - flaggedBySignatures;
    if (allowed < 0) {
      return Double.POSITIVE_INFINITY;
    }
    if (allowed >= unflagged.size()) {
      return 0.0;
    }
    double above = allowed == 0 ? unflagged.get(0) + 1.0 : unflagged.get(allowed - 1);
    double below = unflagged.get(allowed);
    return (above + below) / 2;
  }

  /**
   * Platt scaling with the operating point pinned: the slope {@code a} that maximises the
   * likelihood of {@code sigmoid(a * (logit - threshold))} on held-out rows (never on rows their
   * own model trained on). Averaging per-feature weights over long texts shrinks logits towards
   * the bias, which squeezed every probability into a narrow band around 0.5; the slope stretches
   * them back so that 0.9 (the block threshold) means what it says. The flagged set at 0.5 does not
   * move. Contextual rows are left out: read alone they are benign.
   */
  static double calibrate(List<Example> examples, double[] logit, double threshold) {
    double a = 1.0;
    for (int iteration = 0; iteration < 50; iteration++) {
      double gradient = 0;
      double hessian = 1e-9;
      for (int i = 0; i < examples.size(); i++) {
        Example e = examples.get(i);
        if (e.contextual()) {
          continue;
        }
        double d = logit[i] - threshold;
        double p = 1.0 / (1.0 + Math.exp(-a * d));
        gradient += (p - (e.attack() ? 1 : 0)) * d;
        hessian += p * (1 - p) * d * d;
      }
      double next = Math.max(0.1, Math.min(100, a - gradient / hessian));
      if (Math.abs(next - a) < 1e-6) {
        return next;
      }
      a = next;
    }
    return a;
  }

  private static void report(
      String title,
      List<Example> examples,
      boolean[] signatureFlag,
      double[] logit,
      double threshold) {
    Map<String, int[]> counts = new TreeMap<>();
    for (int i = 0; i < examples.size(); i++) {
      Example e = examples.get(i);
      boolean flagged = signatureFlag[i] || (logit != null && logit[i] >= threshold);
      String label = e.contextual() ? "injection(contextual)" : e.label();
      for (String key : List.of(label, label + " / " + e.source())) {
        int[] c = counts.computeIfAbsent(key, k -> new int[2]);
        c[0] += flagged ? 1 : 0;
        c[1]++;
      }
      if (e.attack() && !e.contextual()) {
        int[] c = counts.computeIfAbsent("= recall jailbreak+injection", k -> new int[2]);
        c[0] += flagged ? 1 : 0;
        c[1]++;
      }
    }
    System.out.println("-- " + title);
    counts.forEach(
        (key, c) ->
            System.out.printf(
                "  %-52s %4d/%4d = %.4f%n", key, c[0], c[1], c[0] / (double) c[1]));
  }

  private static void timeScoring(InjectionClassifier model, List<String> texts) {
    TextNormalizer normalizer = new TextNormalizer();
    List<String> normalized = texts.stream().map(t -> normalizer.normalize(t).text()).toList();
    long chars = normalized.stream().mapToLong(String::length).sum();
    double sink = 0;
    for (int round = 0; round < 3; round++) {
      for (String t : normalized) {
        sink += model.logit(t);
      }
    }
    long started = System.nanoTime();
    for (String t : normalized) {
      sink += model.logit(t);
    }
    double micros = (System.nanoTime() - started) / 1_000.0;
    System.out.printf(
        "classifier alone: %.1f us/text, %.2f us/KB (checksum %.1f)%n",
        micros / normalized.size(), micros / (chars / 1024.0), sink);
  }
}
