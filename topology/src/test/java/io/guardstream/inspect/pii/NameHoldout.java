package io.guardstream.inspect.pii;

import com.fasterxml.jackson.databind.JsonNode;
import io.guardstream.inspect.PiiFinding;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import opennlp.tools.namefind.NameSample;
import opennlp.tools.namefind.TokenNameFinderModel;

/**
 * Grouped held-out figures for PERSON and LOCATION: for each of the trainer's five template folds,
 * a model is trained on the other four and the whole scanner (every recogniser, names from that
 * model) is scored on the fold's rows, whose sentence templates it never saw. Spans are counted as
 * score.py counts them: a labelled span is found when a span of a compatible type covers half of it,
 * and a PERSON or LOCATION span touching no labelled span is a false positive. With a second file of
 * {"text","label"} rows (injection.jsonl), the bundled model's PERSON and LOCATION spans on its
 * benign prompts are counted too: ordinary prose, where any name found is mostly a false alarm.
 *
 * <pre>
 * java -cp topology/target/test-classes:topology/target/classes:$(cat /tmp/cp.txt) \
 *   io.guardstream.inspect.pii.NameHoldout ../shared/data/pii.jsonl ../shared/data/injection.jsonl
 * </pre>
 */
public final class NameHoldout {

  private static final String[] TYPES = {NameTagger.PERSON, NameTagger.LOCATION};

  private NameHoldout() {}

  public static void main(String[] args) throws IOException {
    List<JsonNode> rows = NameFinderTrainer.rows(Path.of(args[0]));
    Map<String, int[]> tally = new TreeMap<>(); // type -> found, labelled, false positives
    for (int k = 0; k < NameFinderTrainer.TEMPLATE_FOLDS; k++) {
      int fold = k;
      List<NameSample> train = NameFinderTrainer.samples(rows.stream().filter(r -> NameFinderTrainer.fold(r) != fold).toList());
      TokenNameFinderModel model = NameFinderTrainer.train(train);
      PiiScanner scanner = new PiiScanner(registry(new NameTagger(model)));
      Map<String, int[]> foldTally = new TreeMap<>();
      for (JsonNode row : rows) {
        if (NameFinderTrainer.fold(row) == fold) {
          score(row, scanner.scan(row.path("text").asText()), foldTally);
        }
      }
      System.out.printf("fold %d: %s%n", fold, describe(foldTally));
      foldTally.forEach((type, t) -> {
        int[] sum = tally.computeIfAbsent(type, x -> new int[3]);
        for (int i = 0; i < 3; i++) {
          sum[i] += t[i];
        }
      });
    }
    System.out.printf("grouped held-out (5 template folds): %s%n", describe(tally));
    PiiScanner bundled = new PiiScanner();
    Map<String, int[]> dev = new TreeMap<>();
    for (JsonNode row : rows) {
      score(row, bundled.scan(row.path("text").asText()), dev);
    }
    System.out.printf("development split, bundled model (trained on all of it): %s%n", describe(dev));
    if (args.length > 1) {
      benign(NameFinderTrainer.rows(Path.of(args[1])));
    }
  }

  /** Every built-in recogniser, with PERSON and LOCATION from the given tagger. */
  static RecognizerRegistry registry(NameTagger tagger) {
    List<EntityRecognizer> recognizers = new ArrayList<>();
    for (EntityRecognizer r : RecognizerRegistry.defaults().recognizers()) {
      if (r instanceof PersonRecognizer) {
        recognizers.add(new PersonRecognizer(tagger));
      } else if (r instanceof LocationRecognizer) {
        recognizers.add(new LocationRecognizer(tagger));
      } else {
        recognizers.add(r);
      }
    }
    return new RecognizerRegistry(recognizers);
  }

  static void score(JsonNode row, List<PiiFinding> found, Map<String, int[]> tally) {
    JsonNode spans = row.path("spans");
    for (JsonNode g : spans) {
      String type = g.path("type").asText();
      if (!type.equals(NameTagger.PERSON) && !type.equals(NameTagger.LOCATION)) {
        continue;
      }
      int start = g.path("start").asInt();
      int end = g.path("end").asInt();
      int[] t = tally.computeIfAbsent(type, x -> new int[3]);
      t[1]++;
      for (PiiFinding f : found) {
        boolean compatible = f.type().equals(type)
            || type.equals(NameTagger.LOCATION) && f.type().equals(AddressRecognizer.TYPE);
        if (compatible && 2 * overlap(start, end, f.start(), f.end()) >= end - start) {
          t[0]++;
          start = -1;
          break;
        }
      }
      if (start >= 0 && Boolean.getBoolean("names.misses") && tally != null) {
        System.out.println("MISS " + type + " [" + row.path("template_id") + "] " + row.path("text").asText().replace('\n', '|')
            + "  => " + row.path("text").asText().codePoints().skip(start).limit(end - start)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append));
      }
    }
    for (PiiFinding f : found) {
      if (!f.type().equals(NameTagger.PERSON) && !f.type().equals(NameTagger.LOCATION)) {
        continue;
      }
      boolean touches = false;
      for (JsonNode g : spans) {
        touches |= overlap(g.path("start").asInt(), g.path("end").asInt(), f.start(), f.end()) > 0;
      }
      if (!touches) {
        tally.computeIfAbsent(f.type(), x -> new int[3])[2]++;
      }
    }
  }

  private static int overlap(int s1, int e1, int s2, int e2) {
    return Math.max(0, Math.min(e1, e2) - Math.max(s1, s2));
  }

  private static String describe(Map<String, int[]> tally) {
    StringBuilder out = new StringBuilder();
    for (String type : TYPES) {
      int[] t = tally.getOrDefault(type, new int[3]);
      out.append(String.format("%s recall %.3f (%d/%d) unlabelled-fp %d; ", type, t[0] / (double) Math.max(1, t[1]),
          t[0], t[1], t[2]));
    }
    return out.toString();
  }

  /** PERSON and LOCATION spans the bundled model finds in benign prompts, at the masking threshold 0.5. */
  private static void benign(List<JsonNode> rows) {
    PiiScanner scanner = new PiiScanner();
    int texts = 0;
    Map<String, Integer> spans = new TreeMap<>();
    List<String> examples = new ArrayList<>();
    for (JsonNode row : rows) {
      if (!"benign".equals(row.path("label").asText())) {
        continue;
      }
      texts++;
      String text = row.path("text").asText();
      for (PiiFinding f : scanner.scan(text)) {
        if ((f.type().equals(NameTagger.PERSON) || f.type().equals(NameTagger.LOCATION)) && f.score() >= 0.5) {
          spans.merge(f.type(), 1, Integer::sum);
          int s = text.offsetByCodePoints(0, f.start());
          examples.add(f.type() + " " + text.substring(s, text.offsetByCodePoints(s, f.end() - f.start())));
        }
      }
    }
    System.out.printf("benign prompts: %d texts, spans at score >= 0.5: %s%n", texts, spans);
    if (Boolean.getBoolean("names.examples")) {
      examples.forEach(System.out::println);
    }
  }
}
