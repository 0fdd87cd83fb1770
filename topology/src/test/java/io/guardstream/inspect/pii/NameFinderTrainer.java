package io.guardstream.inspect.pii;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import opennlp.tools.ml.maxent.GISTrainer;
import opennlp.tools.namefind.BioCodec;
import opennlp.tools.namefind.NameFinderME;
import opennlp.tools.namefind.NameSample;
import opennlp.tools.namefind.TokenNameFinderFactory;
import opennlp.tools.namefind.TokenNameFinderModel;
import opennlp.tools.util.CollectionObjectStream;
import opennlp.tools.util.Span;
import opennlp.tools.util.TrainingParameters;

/**
 * Trains the PERSON / LOCATION model that {@link NameTagger} loads, from the PERSON and LOCATION
 * spans of the Presidio synthetic PII data (microsoft/presidio-research, MIT), with the features of
 * {@link NameFeatures} (name-features.xml) over the word lists of {@link NameLexicon}. Re-create the
 * committed model from the repository root with:
 *
 * <pre>
 * mvn -B -o -q test-compile -pl topology -am
 * mvn -B -o -q dependency:build-classpath -pl topology -Dmdep.outputFile=/tmp/cp.txt
 * java -cp topology/target/test-classes:topology/target/classes:$(cat /tmp/cp.txt) \
 *   io.guardstream.inspect.pii.NameFinderTrainer ../shared/data/pii.jsonl \
 *   topology/src/main/resources/io/guardstream/inspect/pii/name-finder.bin
 * </pre>
 *
 * With {@code --holdout K HELD.jsonl}, rows whose {@code template_id % 5 == K} are left out of
 * training and written to HELD.jsonl, so the model can be scored on sentence templates it never
 * saw; the templates of the held-out split differ from the development ones in the same way.
 * {@link NameHoldout} does this for all five folds and scores the whole scanner.
 */
public final class NameFinderTrainer {

  /**
   * Maxent on a small corpus: features seen fewer than {@code CUTOFF} times only add noise and size.
   * More iterations or cutoff 1 fit the training templates better and held-out templates worse.
   */
  private static final int CUTOFF = 2;
  private static final int ITERATIONS = 150;
  static final int TEMPLATE_FOLDS = 5;

  private NameFinderTrainer() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 2 && args.length != 5) {
      System.err.println("usage: NameFinderTrainer PII.jsonl MODEL.bin [--holdout K HELD.jsonl]");
      System.exit(2);
    }
    int heldFold = args.length == 5 ? Integer.parseInt(args[3]) : -1;
    Path held = args.length == 5 ? Path.of(args[4]) : null;
    List<NameSample> samples = samples(Path.of(args[0]), heldFold, held);
    TokenNameFinderModel model = train(samples);
    try (OutputStream out = Files.newOutputStream(Path.of(args[1]))) {
      model.serialize(out);
    }
    System.err.printf("trained on %d lines, model %d bytes%n", samples.size(), Files.size(Path.of(args[1])));
  }

  static TokenNameFinderModel train(List<NameSample> samples) throws IOException {
    byte[] features;
    try (InputStream in = NameFinderTrainer.class.getResourceAsStream("name-features.xml")) {
      features = in.readAllBytes();
    }
    TrainingParameters params = TrainingParameters.defaultParams();
    params.put(TrainingParameters.ALGORITHM_PARAM, GISTrainer.MAXENT_VALUE);
    params.put(TrainingParameters.ITERATIONS_PARAM, ITERATIONS);
    params.put(TrainingParameters.CUTOFF_PARAM, CUTOFF);
    params.put(TrainingParameters.THREADS_PARAM, 1);
    params.put("BeamSize", NameTagger.BEAM_SIZE);
    TokenNameFinderFactory factory = TokenNameFinderFactory.create(null, features, Map.of(), new BioCodec());
    return NameFinderME.train("en", null, new CollectionObjectStream<>(samples), params, factory);
  }

  static List<NameSample> samples(Path jsonl, int heldFold, Path held) throws IOException {
    List<JsonNode> rows = rows(jsonl);
    if (held != null) {
      ObjectMapper json = new ObjectMapper();
      try (BufferedWriter heldOut = Files.newBufferedWriter(held, StandardCharsets.UTF_8)) {
        for (JsonNode row : rows) {
          if (fold(row) == heldFold) {
            heldOut.write(json.writeValueAsString(row));
            heldOut.newLine();
          }
        }
      }
    }
    return samples(rows.stream().filter(row -> fold(row) != heldFold).toList());
  }

  /** The template fold of a row: rows of one sentence template always share a fold. */
  static int fold(JsonNode row) {
    return row.path("template_id").asInt() % TEMPLATE_FOLDS;
  }

  static List<JsonNode> rows(Path jsonl) throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> rows = new ArrayList<>();
    for (String row : Files.readAllLines(jsonl, StandardCharsets.UTF_8)) {
      if (!row.isBlank()) {
        rows.add(json.readTree(row));
      }
    }
    return rows;
  }

  static List<NameSample> samples(List<JsonNode> rows) {
    List<NameSample> samples = new ArrayList<>();
    for (JsonNode row : rows) {
      addSamples(row, samples);
    }
    return samples;
  }

  private static void addSamples(JsonNode row, List<NameSample> samples) {
    String text = row.path("text").asText();
    List<int[]> spans = new ArrayList<>(); // char start, char end, type index
    List<String> types = new ArrayList<>();
    for (JsonNode s : row.path("spans")) {
      String type = s.path("type").asText();
      if (NameTagger.PERSON.equals(type) || NameTagger.LOCATION.equals(type)) {
        spans.add(new int[] {text.offsetByCodePoints(0, s.path("start").asInt()),
            text.offsetByCodePoints(0, s.path("end").asInt())});
        types.add(type);
      }
    }
    for (NameTokens.Line line : NameTokens.lines(text, false)) {
      List<Span> names = new ArrayList<>();
      for (int k = 0; k < spans.size(); k++) {
        int first = -1;
        int last = -1;
        for (int t = 0; t < line.tokens().length; t++) {
          if (line.start()[t] >= spans.get(k)[0] && line.end()[t] <= spans.get(k)[1]) {
            first = first < 0 ? t : first;
            last = t;
          }
        }
        if (first >= 0) {
          names.add(new Span(first, last + 1, types.get(k)));
        }
      }
      samples.add(new NameSample(line.tokens(), NameFinderME.dropOverlappingSpans(names.toArray(new Span[0])), true));
    }
  }
}
