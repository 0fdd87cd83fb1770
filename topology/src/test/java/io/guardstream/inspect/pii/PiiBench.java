package io.guardstream.inspect.pii;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Rough single-thread throughput of {@link PiiScanner#scan} over the texts of JSONL files, in
 * microseconds per KiB of text, after a warm-up. A sanity check until the JMH benchmarks exist:
 *
 * <pre>java -cp ... io.guardstream.inspect.pii.PiiBench data/pii.jsonl data/secrets.jsonl data/injection.jsonl</pre>
 */
public final class PiiBench {

  private PiiBench() {}

  public static void main(String[] args) throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<String> texts = new ArrayList<>();
    long chars = 0;
    for (String file : args) {
      for (String line : Files.readAllLines(Path.of(file), StandardCharsets.UTF_8)) {
        if (!line.isBlank()) {
          String text = json.readTree(line).path("text").asText();
          texts.add(text);
          chars += text.length();
        }
      }
    }
    PiiScanner scanner = new PiiScanner();
    long findings = 0;
    for (int round = 0; round < 5; round++) {
      for (String t : texts) {
        findings += scanner.scan(t).size();
      }
    }
    int rounds = 10;
    long started = System.nanoTime();
    for (int round = 0; round < rounds; round++) {
      for (String t : texts) {
        findings += scanner.scan(t).size();
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    double kib = chars * (double) rounds / 1024;
    System.out.printf("%d texts, %.0f KiB per round, mean %.0f chars per text%n", texts.size(), chars / 1024.0,
        chars / (double) texts.size());
    System.out.printf("%.1f us per KiB, %.0f texts/s, %.1f MiB/s (findings %d)%n",
        seconds * 1e6 / kib, texts.size() * rounds / seconds, kib / 1024 / seconds, findings);
  }
}
