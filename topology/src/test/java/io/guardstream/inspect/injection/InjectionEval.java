package io.guardstream.inspect.injection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guardstream.inspect.InjectionVerdict;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the injection detector alone over scan input, for scoring with {@code shared/eval/score.py
 * injection} before the CLI's {@code scan} wires it in.
 *
 * <p>Usage: {@code InjectionEval IN.jsonl OUT.jsonl [--explain]}. Input lines are {@code {"id",
 * "text"}}; output lines follow the scan contract with an empty PII list and the text unmasked.
 * With {@code --explain} each output line also carries the evidence behind its score. Prints the
 * mean scoring time per text and per KB, measured after a warm-up pass.
 */
public final class InjectionEval {

  private InjectionEval() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      System.err.println("usage: InjectionEval IN.jsonl OUT.jsonl [--explain]");
      System.exit(2);
    }
    boolean explain = args.length > 2 && args[2].equals("--explain");
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> inputs = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(Path.of(args[0]), StandardCharsets.UTF_8)) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (!line.isBlank()) {
          inputs.add(json.readTree(line));
        }
      }
    }
    InjectionDetector detector = new InjectionDetector();
    List<String> texts = inputs.stream().map(input -> input.path("text").asText("")).toList();
    long chars = texts.stream().mapToLong(String::length).sum();
    texts.forEach(detector::score); // warm-up: JIT-compile the hot path before timing it
    List<InjectionVerdict> verdicts = new ArrayList<>(texts.size());
    long started = System.nanoTime();
    for (String text : texts) {
      verdicts.add(detector.score(text));
    }
    double micros = (System.nanoTime() - started) / 1_000.0;
    try (BufferedWriter out = Files.newBufferedWriter(Path.of(args[1]), StandardCharsets.UTF_8)) {
      for (int i = 0; i < inputs.size(); i++) {
        InjectionVerdict verdict = verdicts.get(i);
        ObjectNode line = json.createObjectNode();
        line.put("id", inputs.get(i).path("id").asText());
        ObjectNode injection = line.putObject("injection");
        injection.put("flagged", verdict.flagged());
        injection.put("score", verdict.score());
        verdict.categories().forEach(injection.putArray("categories")::add);
        line.putArray("pii");
        line.put("masked", texts.get(i));
        if (explain) {
          detector.explain(texts.get(i)).forEach(line.putArray("evidence")::add);
        }
        out.write(json.writeValueAsString(line));
        out.newLine();
      }
    }
    System.out.printf(
        "%d texts, %.1f KB: %.1f us/text, %.1f us/KB (scoring only, one thread)%n",
        texts.size(), chars / 1024.0, micros / texts.size(), micros / (chars / 1024.0));
  }
}
