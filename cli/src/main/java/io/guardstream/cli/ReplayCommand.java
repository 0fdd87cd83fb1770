package io.guardstream.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guardstream.config.ConfigLoader;
import io.guardstream.config.GuardstreamConfig;
import io.guardstream.messages.ApiKeyRecord;
import io.guardstream.serde.Json;
import io.guardstream.topology.OfflinePipeline;
import io.guardstream.topology.StandardDetectors;
import io.guardstream.worker.EchoWorker;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.kafka.common.header.internals.RecordHeaders;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code replay}: the whole topology over recorded requests, offline (TopologyTestDriver, echo
 * worker), one output line per record it emits: a dry run of a policy change on yesterday's traffic.
 */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the whole topology offline over recorded requests.",
      "No broker is needed; an echo worker answers.",
      "Input lines: {\"key\", \"timestamp\": epoch_ms, \"headers\": {\"authorization\": \"Bearer ...\"}, \"value\": {request}}",
      "(a string value is sent as raw bytes, to replay malformed input).",
      "Output lines: {\"topic\", \"key\", \"headers\", \"value\"} for every record the topology emitted."
    })
final class ReplayCommand implements Callable<Integer> {

  @Option(names = "--in", required = true, description = "recorded requests, JSON Lines")
  Path in;

  @Option(names = "--out", required = true, description = "emitted records, JSON Lines")
  Path out;

  @Option(names = "--config", description = "Guardstream properties file (JWKS: auth.jwt.jwks.file, issuer, audience)")
  Path config;

  @Option(names = "--keys", description = "API key registry to load first: JSON Lines of llm.keys records (hashes only;"
      + " needs the pepper they were hashed with, GUARDSTREAM_KEY_PEPPER or auth.api.key.pepper)")
  Path keys;

  private OfflinePipeline pipeline;
  private long wallClock;

  @Override
  public Integer call() {
    Properties offline = new Properties();
    offline.setProperty("bootstrap.servers", "offline:9092");
    offline.setProperty("application.id", "guardstream-replay");
    offline.setProperty("state.dir", System.getProperty("java.io.tmpdir") + "/guardstream-replay-" + ProcessHandle.current().pid());
    if (keys != null && System.getenv("GUARDSTREAM_KEY_PEPPER") == null
        && ConfigLoader.readProperties(config).getProperty("auth.api.key.pepper") == null) {
      // with a throwaway pepper no recorded key would match, and every request would replay as a 401
      throw new Main.UsageError("--keys needs the pepper the keys were hashed with: set GUARDSTREAM_KEY_PEPPER or auth.api.key.pepper");
    }
    GuardstreamConfig settings = LocalSettings.load(config, offline);
    int[] counts = {0, 0};
    try (BufferedWriter writer = JsonLines.writer(out)) {
      JsonLines.read(in, (line, number) -> {
        long timestamp = timestamp(line, number);
        if (pipeline == null) {
          pipeline = new OfflinePipeline(settings, StandardDetectors.load(), EchoWorker::answer, Instant.ofEpochMilli(timestamp));
          wallClock = timestamp;
          loadKeys();
        }
        if (timestamp > wallClock) {
          write(writer, pipeline.advanceWallClock(Duration.ofMillis(timestamp - wallClock)));
          wallClock = timestamp;
        }
        counts[1] += write(writer, pipeline.send(key(line), value(line), headers(line, number), timestamp));
        counts[0]++;
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      if (pipeline != null) {
        pipeline.close();
      }
    }
    System.err.println("replayed " + counts[0] + " requests, " + counts[1] + " records emitted into " + out);
    return 0;
  }

  private void loadKeys() {
    if (keys == null) {
      return;
    }
    JsonLines.read(keys, (line, number) -> {
      ApiKeyRecord record = Json.MAPPER.treeToValue(line, ApiKeyRecord.class);
      if (record.keyId() == null || record.hash() == null) {
        throw new Main.UsageError(keys + " line " + number + ": a key record needs key_id and hash");
      }
      pipeline.putKey(record);
    });
  }

  private static int write(BufferedWriter writer, List<OfflinePipeline.Emitted> emitted) throws IOException {
    for (OfflinePipeline.Emitted e : emitted) {
      ObjectNode line = Json.MAPPER.createObjectNode();
      line.put("topic", e.topic());
      line.put("key", e.key());
      line.set("headers", Json.MAPPER.valueToTree(e.headers()));
      line.set("value", Json.MAPPER.valueToTree(e.value()));
      writer.write(Json.toString(line));
      writer.newLine();
    }
    return emitted.size();
  }

  private long timestamp(JsonNode line, int number) {
    JsonNode ts = line.get("timestamp");
    if (ts == null) {
      return pipeline == null ? System.currentTimeMillis() : wallClock;
    }
    if (!ts.canConvertToLong()) {
      throw new Main.UsageError(in + " line " + number + ": timestamp must be epoch milliseconds");
    }
    return ts.asLong();
  }

  private static String key(JsonNode line) {
    JsonNode key = line.get("key");
    return key == null || key.isNull() ? null : key.asText();
  }

  private static byte[] value(JsonNode line) {
    JsonNode value = line.get("value");
    if (value == null || value.isNull()) {
      return null;
    }
    return value.isTextual() ? value.asText().getBytes(StandardCharsets.UTF_8) : Json.toBytes(value);
  }

  private RecordHeaders headers(JsonNode line, int number) {
    RecordHeaders headers = new RecordHeaders();
    JsonNode node = line.get("headers");
    if (node == null || node.isNull()) {
      return headers;
    }
    if (!node.isObject()) {
      throw new Main.UsageError(in + " line " + number + ": headers must be an object of strings");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> h = it.next();
      headers.add(h.getKey(), h.getValue().asText().getBytes(StandardCharsets.UTF_8));
    }
    return headers;
  }
}
