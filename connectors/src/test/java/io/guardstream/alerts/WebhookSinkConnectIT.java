package io.guardstream.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.guardstream.broker.EmbeddedKafka;
import io.guardstream.serde.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.connect.cli.ConnectStandalone;
import org.apache.kafka.connect.runtime.Connect;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.connect.runtime.standalone.StandaloneHerder;
import org.apache.kafka.connect.util.FutureCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The connector in a real Kafka Connect worker (standalone herder, started in-process as
 * {@code connect-standalone.sh} would) on the embedded KRaft broker, posting to a local receiver that
 * verifies every signature. Plugins are found by ServiceLoader only, as in production with
 * {@code plugin.discovery=service_load}, which proves the jar's service manifest.
 */
class WebhookSinkConnectIT {

  private static final Duration WAIT = Duration.ofSeconds(30);
  // built at run time: the secret and the URL's token must reach no log line
  private static final String SECRET = "it-secret-" + UUID.randomUUID() + UUID.randomUUID();
  private static final String URL_TOKEN = "T0-" + UUID.randomUUID();

  private static EmbeddedKafka kafka;
  private static Connect<StandaloneHerder> connect;
  private static Path offsets;
  private static AlertReceiver receiver;

  @BeforeAll
  static void startWorker() throws IOException {
    kafka = EmbeddedKafka.start();
    receiver = new AlertReceiver(SECRET);
    offsets = Files.createTempFile("guardstream-connect-offsets", ".dat");
    Map<String, String> worker = new HashMap<>();
    worker.put("bootstrap.servers", kafka.bootstrapServers());
    worker.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    worker.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
    worker.put("offset.storage.file.filename", offsets.toString());
    worker.put("offset.flush.interval.ms", "500");
    worker.put("listeners", "http://127.0.0.1:0");
    worker.put("plugin.discovery", "service_load");
    connect = new ConnectStandalone().startConnect(worker);
  }

  @AfterAll
  static void stopWorker() throws IOException {
    if (connect != null) {
      connect.stop();
      connect.awaitStop();
    }
    receiver.close();
    kafka.close();
    Files.deleteIfExists(offsets);
  }

  @Test
  void shouldPostEveryAlertSignedAndByteForByteWhenTheReceiverAccepts() throws Exception {
    String topic = topic("generic");
    List<byte[]> alerts = List.of(Alerts.bytes("g-1"), Alerts.bytes("g-2"), Alerts.bytes("g-3"));
    startConnector(topic, "generic", Map.of());
    produce(topic, Map.of("g-1", alerts.get(0), "g-2", alerts.get(1), "g-3", alerts.get(2)));

    await("three alerts delivered").atMost(WAIT).until(() -> delivered("g-1", "g-2", "g-3") == 3);
    for (int i = 0; i < 3; i++) {
      assertThat(receiver.requests("g-" + (i + 1))).singleElement().satisfies(r -> assertThat(r.verified()).isTrue())
          .extracting(AlertReceiver.Request::body).isEqualTo(alerts.get(i));
    }
  }

  @Test
  void shouldDeliverASlackMessageAfterRetriesWhenTheReceiverFailsTwiceThenRecovers() throws Exception {
    String topic = topic("retries");
    String dlq = topic + ".dlq";
    receiver.failFirst("r-1", 2, 503, null).failFirst("r-2", 1, 429, "1");
    startConnector(topic, "slack", Map.of("errors.tolerance", "all", "errors.deadletterqueue.topic.name", dlq));
    produce(topic, Map.of("r-1", Alerts.bytes("r-1"), "r-2", Alerts.bytes("r-2")));

    await("both alerts delivered").atMost(WAIT).until(() -> delivered("r-1", "r-2") == 2);
    assertThat(receiver.requests("r-1")).extracting(AlertReceiver.Request::status).containsExactly(503, 503, 204);
    assertThat(receiver.requests("r-2")).extracting(AlertReceiver.Request::status).containsExactly(429, 204);
    AlertReceiver.Request slack = receiver.requests("r-1").get(2);
    assertThat(Json.MAPPER.readTree(slack.body()).get("text").asText()).startsWith("*[HIGH]* `auth-failure-burst` 240 failed");
    assertThat(receiver.requests("r-2").get(1).atNanos() - receiver.requests("r-2").get(0).atNanos())
        .as("Retry-After: 1 honoured").isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(950));
    assertThat(readAll(dlq, 0)).isEmpty();
  }

  @Test
  void shouldSendTheAlertToTheDlqAndKeepDeliveringWhenTheReceiverAlwaysFails() throws Exception {
    String topic = topic("dlq");
    String dlq = topic + ".dlq";
    receiver.alwaysFail("d-doomed", 500);
    byte[] doomed = Alerts.bytes("d-doomed");
    byte[] invalid = Alerts.json("d-invalid", "urgent", "not a severity").getBytes(StandardCharsets.UTF_8);
    String connector = startConnector(topic, "generic", Map.of(
        "errors.tolerance", "all",
        "errors.deadletterqueue.topic.name", dlq,
        "errors.deadletterqueue.topic.replication.factor", "1",
        "errors.deadletterqueue.context.headers.enable", "true"));
    produce(topic, Map.of("d-doomed", doomed));
    produce(topic, Map.of("d-invalid", invalid));
    produce(topic, Map.of("d-after", Alerts.bytes("d-after")));

    await("the alert after the failures delivered").atMost(WAIT).until(() -> delivered("d-after") == 1);
    List<ConsumerRecord<byte[], byte[]>> dead = readAll(dlq, 2);
    assertThat(dead).hasSize(2);
    assertThat(dead.get(0).value()).isEqualTo(doomed);
    assertThat(header(dead.get(0), "__connect.errors.exception.message"))
        .isEqualTo("webhook delivery failed after 4 attempt(s): HTTP 500, retries exhausted");
    assertThat(dead.get(1).value()).isEqualTo(invalid);
    assertThat(header(dead.get(1), "__connect.errors.exception.message")).contains("severity").doesNotContain("urgent");
    assertThat(receiver.requests("d-doomed")).hasSize(4).allMatch(AlertReceiver.Request::verified);
    assertThat(receiver.requests("d-invalid")).isEmpty();
    assertThat(taskState(connector)).isEqualTo("RUNNING");
  }

  @Test
  void shouldDeliverEveryAlertOnceInOrderAndCommitThemAllWhenEachBatchIsCutShort() throws Exception {
    String topic = topic("budget");
    List<String> ids = List.of("b-1", "b-2", "b-3", "b-4", "b-5");
    Map<String, byte[]> alerts = new java.util.LinkedHashMap<>();
    ids.forEach(id -> alerts.put(id, Alerts.bytes(id)));
    produce(topic, alerts); // before the connector starts, so its first poll gets all five in one batch
    // a zero budget: each put() delivers one alert and hands the rest of its batch back
    String connector = startConnector(topic, "generic", Map.of(WebhookSinkConfig.BATCH_MAX_MS, "0"));

    await("five alerts delivered").atMost(WAIT).until(() -> delivered(ids.toArray(String[]::new)) == 5);
    assertThat(receiver.accepted().stream().map(AlertReceiver.Request::alertId).filter(ids::contains))
        .as("once each, in partition order").containsExactlyElementsOf(ids);
    await("all five offsets committed").atMost(WAIT).until(() -> committed(connector, topic) == 5L);
    assertThat(receiver.requests().stream().filter(r -> ids.contains(r.alertId()))).hasSize(5);
    assertThat(Files.readString(Path.of("target/connectors-test.log"))).contains("batch budget spent: handing back 1 partition(s) from {" + topic + "-0=1}");
  }

  @Test
  void shouldFailTheTaskRatherThanDropTheAlertWhenErrorsAreNotTolerated() throws Exception {
    String topic = topic("intolerant");
    receiver.alwaysFail("i-doomed", 400);
    String connector = startConnector(topic, "generic", Map.of());
    produce(topic, Map.of("i-doomed", Alerts.bytes("i-doomed")));

    await("task failed").atMost(WAIT).until(() -> "FAILED".equals(taskState(connector)));
    assertThat(receiver.requests("i-doomed")).hasSize(1);
  }

  @Test
  void shouldKeepTheSecretAndTheUrlTokenOutOfEveryLogLine() throws Exception {
    String topic = topic("logs");
    receiver.failFirst("l-1", 1, 503, null);
    startConnector(topic, "slack", Map.of());
    produce(topic, Map.of("l-1", Alerts.bytes("l-1")));
    await("alert delivered").atMost(WAIT).until(() -> delivered("l-1") == 1);

    String log = Files.readString(Path.of("target/connectors-test.log"));
    assertThat(log).contains("alert l-1 delivered").doesNotContain(SECRET).doesNotContain(URL_TOKEN);
  }

  private static String topic(String purpose) {
    String topic = "llm.alerts." + purpose + "-" + UUID.randomUUID().toString().substring(0, 8);
    kafka.createTopics(Map.of(topic, 1));
    return topic;
  }

  private static String startConnector(String topic, String format, Map<String, String> extra) throws Exception {
    String name = "alert-webhook-" + topic.substring(topic.lastIndexOf('.') + 1);
    Map<String, String> config = new HashMap<>();
    config.put("name", name);
    config.put("connector.class", WebhookSinkConnector.class.getName());
    config.put("tasks.max", "1");
    config.put("topics", topic);
    config.put(WebhookSinkConfig.URL, receiver.url() + "/" + URL_TOKEN);
    config.put(WebhookSinkConfig.SECRET, SECRET);
    config.put(WebhookSinkConfig.FORMAT, format);
    config.put(WebhookSinkConfig.MAX_RETRIES, "3");
    config.put(WebhookSinkConfig.BACKOFF_MS, "20");
    config.put(WebhookSinkConfig.BACKOFF_MAX_MS, "2000");
    config.put("errors.deadletterqueue.topic.replication.factor", "1");
    config.putAll(extra);
    FutureCallback<?> created = new FutureCallback<>();
    connect.herder().putConnectorConfig(name, config, false, (error, info) -> created.onCompletion(error, null));
    created.get(30, TimeUnit.SECONDS);
    await("task of " + name + " running").atMost(WAIT).until(() -> "RUNNING".equals(taskState(name)));
    return name;
  }

  private static String taskState(String connector) {
    try {
      ConnectorStateInfo status = connect.herder().connectorStatus(connector);
      return status.tasks().isEmpty() ? "NONE" : status.tasks().get(0).state();
    } catch (RuntimeException e) {
      return "UNKNOWN"; // not registered yet
    }
  }

  private static long committed(String connector, String topic) throws Exception {
    var offsets = kafka.admin().listConsumerGroupOffsets("connect-" + connector).partitionsToOffsetAndMetadata().get();
    var offset = offsets.get(new org.apache.kafka.common.TopicPartition(topic, 0));
    return offset == null ? -1 : offset.offset();
  }

  private static long delivered(String... alertIds) {
    return receiver.accepted().stream().filter(r -> List.of(alertIds).contains(r.alertId())).count();
  }

  private static void produce(String topic, Map<String, byte[]> alerts) throws Exception {
    Properties props = kafka.clientProperties();
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
      for (Map.Entry<String, byte[]> alert : alerts.entrySet()) {
        producer.send(new ProducerRecord<>(topic, alert.getKey(), alert.getValue())).get();
      }
    }
  }

  /** Everything on {@code topic} once {@code expected} records are there (or 3 s of nothing for 0). */
  private static List<ConsumerRecord<byte[], byte[]>> readAll(String topic, int expected) {
    Properties props = kafka.clientProperties();
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + (expected == 0 ? TimeUnit.SECONDS.toNanos(3) : WAIT.toNanos());
      while (System.nanoTime() < deadline && (expected == 0 || records.size() < expected)) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    }
    return records;
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
