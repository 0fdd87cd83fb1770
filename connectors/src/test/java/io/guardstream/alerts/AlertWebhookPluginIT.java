package io.guardstream.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.guardstream.broker.EmbeddedKafka;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.connect.cli.ConnectStandalone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged plugin as a user installs it: {@code connect-standalone} in its own JVM, whose class path
 * holds Kafka Connect but neither Guardstream nor the JSON Schema validator, finds the connector only
 * under {@code plugin.path} (target/alert-webhook-plugin, built by the package phase) and reads URL and
 * secret through the file config provider, as deploy/alert-webhook.json does.
 */
class AlertWebhookPluginIT {

  private static final Path WORKER_LOG = Path.of("target/alert-webhook-plugin-it.log");
  private static final Path PLUGIN_PATH = Path.of("target/alert-webhook-plugin").toAbsolutePath();
  // what the plugin directory must bring itself; on the worker's class path they would hide a gap in it
  private static final List<String> NOT_ON_WORKER_CLASS_PATH =
      List.of("target/classes", "target/test-classes", "guardstream-", "json-schema-validator", "/itu-");

  @Test
  void shouldDeliverASignedAlertWhenLoadedFromPluginPathByAStandaloneWorker(@TempDir Path dir) throws Exception {
    assertThat(PLUGIN_PATH.resolve("guardstream-alert-webhook")).as("run the package phase first").isDirectory();
    String secret = "plugin-it-" + UUID.randomUUID() + UUID.randomUUID();
    try (EmbeddedKafka kafka = EmbeddedKafka.start(); AlertReceiver receiver = new AlertReceiver(secret)) {
      String topic = "llm.alerts.plugin";
      kafka.createTopics(Map.of(topic, 1));
      Path secrets = write(dir.resolve("alert-webhook.properties"), "url=" + receiver.url() + "\nsecret=" + secret + "\n");
      Path worker = write(dir.resolve("worker.properties"), String.join("\n",
          "bootstrap.servers=" + kafka.bootstrapServers(),
          "key.converter=org.apache.kafka.connect.storage.StringConverter",
          "value.converter=org.apache.kafka.connect.converters.ByteArrayConverter",
          "offset.storage.file.filename=" + dir.resolve("offsets.dat"),
          "listeners=http://127.0.0.1:0",
          "plugin.path=" + PLUGIN_PATH,
          "plugin.discovery=service_load",
          "config.providers=file",
          "config.providers.file.class=org.apache.kafka.common.config.provider.FileConfigProvider",
          "config.providers.file.param.allowed.paths=" + dir));
      Path connector = write(dir.resolve("alert-webhook.properties.connector"), String.join("\n",
          "name=alert-webhook",
          "connector.class=" + WebhookSinkConnector.class.getName(),
          "tasks.max=1",
          "topics=" + topic,
          "webhook.format=slack",
          "webhook.url=${file:" + secrets + ":url}",
          "webhook.secret=${file:" + secrets + ":secret}"));

      // the worker's log (INFO) goes to target/alert-webhook-plugin-it.log for when this test fails
      Path log4j = write(dir.resolve("log4j2.properties"), String.join("\n",
          "appender.out.type=Console", "appender.out.name=out", "appender.out.layout.type=PatternLayout",
          "appender.out.layout.pattern=%d{HH:mm:ss.SSS} %-5level %c{1} - %msg%n",
          "rootLogger.level=INFO", "rootLogger.appenderRef.out.ref=out"));
      Process connect = new ProcessBuilder(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Dlog4j2.configurationFile=" + log4j.toUri(), "-cp", workerClassPath(), ConnectStandalone.class.getName(), worker.toString(), connector.toString())
          .redirectErrorStream(true)
          .redirectOutput(WORKER_LOG.toFile())
          .start();
      try {
        produce(kafka, topic, "p-1", Alerts.bytes("p-1"));
        await("alert delivered by the plugin").atMost(Duration.ofSeconds(60)).until(() -> !receiver.accepted().isEmpty());
        assertThat(receiver.requests()).singleElement().satisfies(r -> {
          assertThat(r.alertId()).isEqualTo("p-1");
          assertThat(r.verified()).isTrue();
          assertThat(new String(r.body(), StandardCharsets.UTF_8)).startsWith("{\"text\":\"*[HIGH]*");
        });
      } finally {
        connect.destroy();
        if (!connect.waitFor(20, TimeUnit.SECONDS)) {
          connect.destroyForcibly();
        }
      }
      assertThat(Files.readString(WORKER_LOG)).contains("Loading plugin from: " + PLUGIN_PATH).doesNotContain(secret);
    }
  }

  private static String workerClassPath() {
    // surefire and failsafe start tests through a manifest-only jar and publish the real class path here
    String testClassPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> entries = new ArrayList<>(Arrays.asList(testClassPath.split(File.pathSeparator)));
    entries.removeIf(entry -> NOT_ON_WORKER_CLASS_PATH.stream().anyMatch(entry.replace('\\', '/')::contains));
    assertThat(entries).anyMatch(entry -> entry.contains("connect-runtime"));
    return entries.stream().collect(Collectors.joining(File.pathSeparator));
  }

  private static Path write(Path file, String content) throws IOException {
    return Files.writeString(file, content);
  }

  private static void produce(EmbeddedKafka kafka, String topic, String key, byte[] value) throws Exception {
    Properties props = kafka.clientProperties();
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(topic, key, value)).get();
    }
  }
}
