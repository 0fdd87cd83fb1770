package io.guardstream.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guardstream.inspect.InjectionVerdict;
import io.guardstream.inspect.Masking;
import io.guardstream.inspect.PiiFinding;
import io.guardstream.serde.Json;
import io.guardstream.topology.Detectors;
import io.guardstream.topology.StandardDetectors;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code scan}: the detectors alone, offline, one output line per input line (DESIGN.md's format). */
@Command(
    name = "scan",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the detectors alone over a JSON Lines file, without Kafka.",
      "Input lines: {\"id\": \"...\", \"text\": \"...\"}. Output lines: id, injection {flagged, score, categories},",
      "pii [{type, start, end, score}] with Unicode code point offsets (end exclusive), masked text."
    })
final class ScanCommand implements Callable<Integer> {

  @Option(names = "--in", required = true, description = "input JSON Lines file")
  Path in;

  @Option(names = "--out", required = true, description = "output JSON Lines file")
  Path out;

  @Override
  public Integer call() {
    Detectors detectors = StandardDetectors.load();
    int[] lines = {0};
    try (BufferedWriter writer = JsonLines.writer(out)) {
      JsonLines.read(in, (line, number) -> {
        JsonNode text = line.get("text");
        if (text == null || !text.isTextual()) {
          throw new Main.UsageError(in + " line " + number + ": needs a string field \"text\"");
        }
        writer.write(Json.toString(scan(detectors, line.get("id"), text.asText())));
        writer.newLine();
        lines[0]++;
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    System.err.println("scanned " + lines[0] + " lines into " + out);
    return 0;
  }

  static ObjectNode scan(Detectors detectors, JsonNode id, String text) {
    InjectionVerdict verdict = detectors.injection().score(text);
    List<PiiFinding> findings = detectors.pii().scan(text);
    ObjectNode result = Json.MAPPER.createObjectNode();
    result.set("id", id);
    ObjectNode injection = result.putObject("injection");
    injection.put("flagged", verdict.flagged());
    injection.put("score", Math.round(verdict.score() * 10_000) / 10_000.0);
    ArrayNode categories = injection.putArray("categories");
    verdict.categories().forEach(categories::add);
    ArrayNode pii = result.putArray("pii");
    for (PiiFinding f : findings) {
      pii.addObject().put("type", f.type()).put("start", f.start()).put("end", f.end())
          .put("score", Math.round(f.score() * 10_000) / 10_000.0);
    }
    result.put("masked", Masking.mask(text, findings));
    return result;
  }
}
