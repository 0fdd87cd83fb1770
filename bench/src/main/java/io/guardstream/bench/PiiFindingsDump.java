package io.guardstream.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.guardstream.inspect.PiiFinding;
import io.guardstream.inspect.pii.PiiScanner;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes every finding (type, start, end, score) of {@link PiiScanner} over a corpus, one line per
 * text, so that two builds' outputs can be compared with {@code diff}: a speed change to the scanner
 * must leave this file identical. The corpus is every string field named {@code text}, {@code prompt}
 * or {@code system_prompt} of the given JSON Lines files, each also in lower case and in upper case
 * (other code paths of the name finder and the case-insensitive words), plus the benchmark prose.
 * {@code java -cp bench/target/benchmarks.jar io.guardstream.bench.PiiFindingsDump OUT FILE.jsonl...}
 */
public final class PiiFindingsDump {

  private static final String[] FIELDS = {"text", "prompt", "system_prompt"};

  private PiiFindingsDump() {}

  public static void main(String[] args) throws IOException {
    List<String> texts = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    for (int a = 1; a < args.length; a++) {
      try (BufferedReader in = Files.newBufferedReader(Path.of(args[a]), StandardCharsets.UTF_8)) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          JsonNode row = json.readTree(line);
          for (String field : FIELDS) {
            if (row.path(field).isTextual()) {
              String text = row.get(field).asText();
              texts.add(text);
              texts.add(text.toLowerCase(Locale.ROOT));
              texts.add(text.toUpperCase(Locale.ROOT));
            }
          }
        }
      }
    }
    for (Prose.Mix mix : Prose.Mix.values()) {
      for (int seed = 0; seed < 64; seed++) {
        texts.add(Prose.text(1024, mix, seed));
        texts.add(Prose.text(10240, mix, seed));
      }
    }
    PiiScanner scanner = new PiiScanner();
    long findings = 0;
    try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(Path.of(args[0]), StandardCharsets.UTF_8))) {
      for (int i = 0; i < texts.size(); i++) {
        StringBuilder line = new StringBuilder().append(i);
        for (PiiFinding f : scanner.scan(texts.get(i))) {
          line.append(' ').append(f.type()).append(' ').append(f.start()).append(' ').append(f.end())
              .append(' ').append(f.score());
          findings++;
        }
        out.println(line);
      }
    }
    System.out.printf("%d texts, %d findings written to %s%n", texts.size(), findings, args[0]);
  }
}
