package io.guardstream.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guardstream.serde.Json;
import io.guardstream.topology.Detectors;
import io.guardstream.topology.StandardDetectors;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code eval}: runs {@code scan}'s detectors over a labelled data file (../shared/data's format)
 * and scores the result with ../shared/eval/score.py's definitions ({@link EvalScores}), in one
 * step. Detection is exactly {@link ScanCommand#scan}, so what is measured is what ships.
 */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description = {
      "Scores the detectors on a labelled JSON Lines file, as ../shared/eval/score.py does.",
      "TASK is injection (recall on jailbreak + stand-alone injection rows, benign false-positive rate,",
      "context-dependent rows apart, ROC points), pii (precision, recall and F2 per type and overall)",
      "or secrets (line recall and false-positive rate)."
    })
final class EvalCommand implements Callable<Integer> {

  enum Task { injection, pii, secrets }

  /** The product's shipped thresholds (ConfigLoader's defaults) are always among the ROC points. */
  static final double SHIPPED_FLAG = 0.5;
  static final double SHIPPED_BLOCK = 0.9;

  @Parameters(index = "0", description = "injection, pii or secrets")
  Task task;

  @Option(names = "--data", required = true, description = "labelled JSON Lines file, such as ../shared/data/injection.jsonl")
  Path data;

  @Option(names = "--json", description = "one JSON object (score.py's keys plus roc / precision / f2)")
  boolean json;

  @Option(names = "--out", description = "also write the scan output lines here (ids are 0-based row numbers, as score.py reads them)")
  Path out;

  @Option(names = "--thresholds", split = ",", description = "ROC thresholds (default 0.1 … 0.95 plus the shipped 0.5 flag and 0.9 block)")
  List<Double> thresholds = new ArrayList<>(List.of(0.1, 0.2, 0.3, 0.4, 0.45, 0.55, 0.6, 0.7, 0.8, 0.95));

  @Override
  public Integer call() {
    List<JsonNode> rows = new ArrayList<>();
    JsonLines.read(data, (line, number) -> {
      if (!line.path("text").isTextual()) {
        throw new Main.UsageError(data + " line " + number + ": needs a string field \"text\"");
      }
      rows.add(line);
    });
    Map<String, JsonNode> scanned = scanAll(rows);
    Map<String, Object> result = switch (task) {
      case injection -> {
        List<Double> points = new ArrayList<>(thresholds);
        points.add(SHIPPED_FLAG);
        points.add(SHIPPED_BLOCK);
        yield EvalScores.injection(rows, scanned, points);
      }
      case pii -> EvalScores.pii(rows, scanned);
      case secrets -> EvalScores.secrets(rows, scanned);
    };
    PrintStream stdout = System.out;
    if (json) {
      stdout.println(Json.toString(result));
    } else {
      EvalReport.print(task.name(), rows.size(), result, stdout);
    }
    return 0;
  }

  private Map<String, JsonNode> scanAll(List<JsonNode> rows) {
    Detectors detectors = StandardDetectors.load();
    Map<String, JsonNode> scanned = new LinkedHashMap<>();
    try (BufferedWriter writer = out == null ? null : JsonLines.writer(out)) {
      for (int i = 0; i < rows.size(); i++) {
        String id = Integer.toString(i);
        ObjectNode line = ScanCommand.scan(detectors, Json.MAPPER.getNodeFactory().textNode(id),
            rows.get(i).get("text").asText());
        scanned.put(id, line);
        if (writer != null) {
          writer.write(Json.toString(line));
          writer.newLine();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return scanned;
  }
}
