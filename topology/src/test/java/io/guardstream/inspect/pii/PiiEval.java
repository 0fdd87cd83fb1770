package io.guardstream.inspect.pii;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guardstream.inspect.PiiFinding;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the scanner over {@code {"id","text"}} lines and writes the {@code scan} output shape, so
 * the shared scorer can measure it before the CLI exists:
 *
 * <pre>
 * python3 /work/shared/eval/to_scan_input.py /work/shared/data/pii.jsonl /tmp/pii_in.jsonl
 * java -cp ... io.guardstream.inspect.pii.PiiEval /tmp/pii_in.jsonl /tmp/pii_out.jsonl
 * python3 /work/shared/eval/score.py pii /work/shared/data/pii.jsonl /tmp/pii_out.jsonl
 * </pre>
 *
 * A test-scope tool, not a test: the injection fields are fixed placeholders.
 */
public final class PiiEval {

  private PiiEval() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: PiiEval IN.jsonl OUT.jsonl");
      System.exit(2);
    }
    run(Path.of(args[0]), Path.of(args[1]));
  }

  static void run(Path in, Path out) throws IOException {
    ObjectMapper json = new ObjectMapper();
    PiiScanner scanner = new PiiScanner();
    List<String> texts = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    try (BufferedReader reader = Files.newBufferedReader(in, StandardCharsets.UTF_8)) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode row = json.readTree(line);
        ids.add(row.path("id").asText());
        texts.add(row.path("text").asText());
      }
    }
    long chars = 0;
    long started = System.nanoTime();
    try (BufferedWriter writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      for (int i = 0; i < texts.size(); i++) {
        String text = texts.get(i);
        chars += text.length();
        List<PiiFinding> findings = scanner.scan(text);
        ObjectNode row = json.createObjectNode();
        row.put("id", ids.get(i));
        ObjectNode injection = row.putObject("injection");
        injection.put("flagged", false);
        injection.put("score", 0.0);
        injection.putArray("categories");
        ArrayNode pii = row.putArray("pii");
        for (PiiFinding f : findings) {
          ObjectNode o = pii.addObject();
          o.put("type", f.type());
          o.put("start", f.start());
          o.put("end", f.end());
          o.put("score", f.score());
        }
        row.put("masked", io.guardstream.inspect.Masking.mask(text, findings));
        writer.write(json.writeValueAsString(row));
        writer.newLine();
      }
    }
    long micros = (System.nanoTime() - started) / 1000;
    System.err.printf("scanned %d texts, %d chars in %d ms (cold JVM, includes JSON)%n",
        texts.size(), chars, micros / 1000);
  }
}
