package io.guardstream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.guardstream.serde.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code eval} must report the figures the checks compute: each fixture is scored by
 * {@link EvalScores} and by ../shared/eval/score.py itself (run with python3), over the very same
 * scan output, and every key score.py prints must agree.
 */
class EvalScoresTest {

  private static final Path FIXTURES = Path.of("src/test/resources/eval");

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"injection", "pii", "secrets"})
  void shouldMatchScorePyOnTheRealDetectorsOutput(String task) throws Exception {
    Path data = FIXTURES.resolve(task + ".jsonl");
    Path out = dir.resolve(task + "-scan.jsonl");
    assertThat(Main.execute("eval", task, "--data", data.toString(), "--out", out.toString(), "--json")).isZero();

    assertAgreesWithScorePy(task, data, out);
  }

  @Test
  void shouldMatchScorePyOnHandWrittenPiiPredictionsWithEveryEdgeCase() throws Exception {
    // type mapping, compatible LOCATION/ADDRESS, spans under half, out-of-scope gold, a missing line
    assertAgreesWithScorePy("pii", FIXTURES.resolve("pii.jsonl"), FIXTURES.resolve("pii-predictions.jsonl"));
  }

  @Test
  void shouldRoundHalfEvenOnTheExactBinaryValueAsPythonDoes() {
    assertThat(EvalScores.round(0.125, 2)).isEqualTo(0.12); // exact tie: to even
    assertThat(EvalScores.round(0.135, 2)).isEqualTo(0.14); // 0.135 is stored just above the tie
    assertThat(EvalScores.round(2 / 3.0, 4)).isEqualTo(0.6667);
  }

  @Test
  void shouldPutTheShippedThresholdsAmongTheRocPoints() throws Exception {
    List<JsonNode> data = read(FIXTURES.resolve("injection.jsonl"));
    Path out = dir.resolve("scan.jsonl");
    Main.execute("eval", "injection", "--data", FIXTURES.resolve("injection.jsonl").toString(), "--out", out.toString());
    Map<String, Object> r = EvalScores.injection(data, byId(read(out)), List.of(0.5, 0.9, 0.3));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> roc = (List<Map<String, Object>>) r.get("roc");
    assertThat(roc).extracting(p -> p.get("threshold")).containsExactly(0.3, 0.5, 0.9);
    // at the flag threshold the ROC point is the flagged recall, since flagged means score >= 0.5
    assertThat(roc.get(1).get("recall_attacks")).isEqualTo(r.get(EvalScores.RECALL_KEY));
  }

  private void assertAgreesWithScorePy(String task, Path data, Path scanOut) throws Exception {
    Path scorePy = scorePy();
    assumeTrue(scorePy != null && python(), "needs python3 and score.py");
    Process p = new ProcessBuilder("python3", scorePy.toString(), task, data.toString(), scanOut.toString(), "--json")
        .redirectErrorStream(true).start();
    String printed = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(printed).isZero();
    JsonNode python = Json.MAPPER.readTree(printed);

    List<JsonNode> rows = read(data);
    Map<String, JsonNode> outputs = byId(read(scanOut));
    Map<String, Object> java = switch (task) {
      case "injection" -> EvalScores.injection(rows, outputs, List.of(0.5));
      case "pii" -> EvalScores.pii(rows, outputs);
      default -> EvalScores.secrets(rows, outputs);
    };
    JsonNode ours = Json.MAPPER.valueToTree(java);
    assertSubset(python, ours, task);
  }

  /** Every field score.py prints is in ours with the same value; ours may carry more. */
  private static void assertSubset(JsonNode expected, JsonNode actual, String path) {
    if (expected.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        assertThat(actual.has(e.getKey())).as(path + "." + e.getKey() + " missing in " + actual).isTrue();
        assertSubset(e.getValue(), actual.get(e.getKey()), path + "." + e.getKey());
      }
    } else if (expected.isNumber()) {
      assertThat(actual.isNumber()).as(path).isTrue();
      assertThat(actual.doubleValue()).as(path).isEqualTo(expected.doubleValue());
    } else {
      assertThat(actual).as(path).isEqualTo(expected);
    }
  }

  /** score.py where the checks keep it (../shared/eval, searched upwards), else the committed copy. */
  private static Path scorePy() {
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      Path candidate = d.resolve("shared/eval/score.py");
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    Path copy = FIXTURES.resolve("score.py");
    return Files.isRegularFile(copy) ? copy : null;
  }

  private static boolean python() {
    try {
      Process p = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  private static List<JsonNode> read(Path file) throws IOException {
    List<JsonNode> rows = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (!line.isBlank()) {
        rows.add(Json.MAPPER.readTree(line));
      }
    }
    return rows;
  }

  private static Map<String, JsonNode> byId(List<JsonNode> lines) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    lines.forEach(l -> out.put(l.get("id").asText(), l));
    return out;
  }
}
