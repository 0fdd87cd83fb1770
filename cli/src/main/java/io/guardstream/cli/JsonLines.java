package io.guardstream.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.guardstream.serde.Json;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads and writes JSON Lines files for the offline commands, naming the line of any bad input. */
final class JsonLines {

  /** Called with each non-blank line's JSON and its 1-based line number. */
  interface LineHandler {
    void accept(JsonNode line, int lineNumber) throws IOException;
  }

  private JsonLines() {}

  static void read(Path in, LineHandler handler) {
    if (!Files.isReadable(in)) {
      throw new Main.UsageError("cannot read " + in);
    }
    try (BufferedReader reader = Files.newBufferedReader(in, StandardCharsets.UTF_8)) {
      String line;
      int number = 0;
      while ((line = reader.readLine()) != null) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        JsonNode node;
        try {
          node = Json.MAPPER.readTree(line);
        } catch (IOException e) {
          throw new Main.UsageError(in + " line " + number + ": not valid JSON");
        }
        if (node == null || !node.isObject()) {
          throw new Main.UsageError(in + " line " + number + ": must be a JSON object");
        }
        handler.accept(node, number);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static BufferedWriter writer(Path out) {
    try {
      Path parent = out.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      return Files.newBufferedWriter(out, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new Main.UsageError("cannot write " + out + ": " + e.getMessage());
    }
  }
}
