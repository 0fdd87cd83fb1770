package io.guardstream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.guardstream.broker.EmbeddedKafka;
import io.guardstream.config.ConfigLoader;
import io.guardstream.config.GuardstreamConfig;
import io.guardstream.config.TopicNames;
import io.guardstream.ingest.RequestHeaders;
import io.guardstream.messages.ChatMessage;
import io.guardstream.messages.ChatRequest;
import io.guardstream.serde.Json;
import io.guardstream.topology.GuardstreamApp;
import io.guardstream.topology.StandardDetectors;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The key lifecycle through the CLI against a real broker and a running pipeline: a key created by
 * {@code keys create} authenticates in the pipeline (same pepper), its use shows in {@code keys show},
 * rotation keeps the old key for the grace period, and no command prints a hash.
 */
class KeysIT {

  private static final Pattern RAW_KEY = Pattern.compile("api key \\(shown once, store it now\\): (\\S+)");
  private static final Pattern KEY_ID = Pattern.compile("key id: (\\S+)");

  @TempDir static Path dir;
  private static EmbeddedKafka kafka;
  private static Path config;

  @BeforeAll
  static void cluster() throws Exception {
    kafka = EmbeddedKafka.start();
    TopicNames names = TopicNames.DEFAULTS;
    kafka.createTopics(Map.of(names.requests(), 2, names.workerRequests(), 2, names.workerResponses(), 2,
        names.responses(), 2, names.audit(), 2, names.alerts(), 1, names.dlq(), 1));
    kafka.createCompactedTopic(names.keys(), 1);
    Path pepper = dir.resolve("pepper.key");
    Files.writeString(pepper, Base64.getEncoder().encodeToString("k".repeat(32).getBytes(StandardCharsets.US_ASCII)));
    config = dir.resolve("guardstream.properties");
    Files.writeString(config, String.join("\n",
        "bootstrap.servers=" + kafka.bootstrapServers(),
        "application.id=keys-it",
        "state.dir=" + dir.resolve("state"),
        "pricing.gpt-4o-mini.input.usd.per.million=0.15",
        "pricing.gpt-4o-mini.output.usd.per.million=0.60",
        "auth.api.key.pepper=file:" + pepper, ""));
  }

  @AfterAll
  static void stop() {
    kafka.close();
  }

  private static String keys(String... args) {
    PrintStream original = System.out;
    var captured = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
      String[] full = new String[args.length + 3];
      full[0] = "keys";
      System.arraycopy(args, 0, full, 1, args.length);
      full[args.length + 1] = "--config";
      full[args.length + 2] = config.toString();
      assertThat(Main.execute(full)).as(String.join(" ", args)).isZero();
    } finally {
      System.setOut(original);
    }
    String out = captured.toString(StandardCharsets.UTF_8);
    assertThat(out).doesNotContain("hmac-sha256:");
    return out;
  }

  private static String group(Pattern pattern, String text) {
    Matcher m = pattern.matcher(text);
    assertThat(m.find()).as(pattern + " in " + text).isTrue();
    return m.group(1);
  }

  @Test
  void shouldAuthenticateACreatedKeyInThePipelineAndShowItsUseRotationAndRevocation() throws Exception {
    String created = keys("create", "--principal", "nightly-batch", "--models", "gpt-4o-mini", "--max-tokens", "512",
        "--workloads", "batch", "--tokens-per-minute", "50000", "--usd-per-day", "2.50");
    String key = group(RAW_KEY, created);
    String keyId = group(KEY_ID, created);
    assertThat(keys("show", keyId)).contains("last used:       never").contains("max tokens:      512")
        .contains("workloads:       batch").contains("tokens/minute:   50000").contains("budget/day:      $2.50")
        .contains("tokens/day:      (tenant or deployment default)").doesNotContain(key);

    GuardstreamConfig settings = ConfigLoader.load(ConfigLoader.readProperties(config),
        Map.of("GUARDSTREAM_DLQ_KEY", Base64.getEncoder().encodeToString(new byte[32]),
            "GUARDSTREAM_PSEUDONYM_KEY", Base64.getEncoder().encodeToString(new byte[32])));
    try (GuardstreamApp app = GuardstreamApp.start(settings, StandardDetectors.load())) {
      await("pipeline running").atMost(Duration.ofSeconds(60)).until(() -> app.state() == KafkaStreams.State.RUNNING);
      Properties p = new Properties();
      p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
      try (var producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
        for (int i = 0; i < 3; i++) {
          var request = new ChatRequest("k-" + i, "gpt-4o-mini", List.of(new ChatMessage("user", "hi")), 64, null, null,
              null, Map.of("workload", "batch"));
          var record = new ProducerRecord<String, byte[]>(TopicNames.DEFAULTS.requests(), "k-" + i, Json.toBytes(request));
          record.headers().add(RequestHeaders.AUTHORIZATION, ("Bearer " + key).getBytes(StandardCharsets.UTF_8));
          producer.send(record).get();
        }
      }
      // the usage store's changelog is written at each commit
      await("usage visible").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
          .until(() -> keys("show", keyId).contains("requests:        3 admitted, 0 refused by the rate limit"));
    }

    String rotated = keys("rotate", keyId, "--grace-hours", "2");
    String successor = group(KEY_ID, rotated);
    assertThat(successor).isNotEqualTo(keyId);
    String oldShown = keys("show", keyId);
    assertThat(oldShown).contains("status:          active").contains("replaced by:     " + successor);
    assertThat(keys("show", successor)).contains("max tokens:      512").contains("workloads:       batch")
        .contains("tokens/minute:   50000").contains("budget/day:      $2.50");

    keys("revoke", successor);
    String listed = keys("list");
    assertThat(listed).contains(successor + "   revoked").contains(keyId + "   active");
    assertThat(listed).doesNotContain(key);
  }

  @Test
  void shouldRefuseToCreateAKeyWithoutThePepperThePipelineUses() {
    PrintStream original = System.err;
    var captured = new ByteArrayOutputStream();
    int exit;
    try {
      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
      exit = Main.execute("keys", "create", "--principal", "x", "--bootstrap-servers", kafka.bootstrapServers());
    } finally {
      System.setErr(original);
    }
    assertThat(exit).isEqualTo(2);
    assertThat(captured.toString(StandardCharsets.UTF_8))
        .contains("auth.api.key.pepper").contains("GUARDSTREAM_KEY_PEPPER");
  }
}
