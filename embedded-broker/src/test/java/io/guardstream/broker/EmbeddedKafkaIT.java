package io.guardstream.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaIT {

  private static final Duration WAIT = Duration.ofSeconds(20);

  private static EmbeddedKafka kafka;

  @BeforeAll
  static void startBroker() {
    kafka = EmbeddedKafka.start();
  }

  @AfterAll
  static void stopBroker() {
    kafka.close();
  }

  @Test
  void shouldDeliverTransactionalRecordsWhenTopicJustCreated() throws Exception {
    String topic = "tx-" + UUID.randomUUID();
    kafka.createTopics(Map.of(topic, 3));
    // The contract producers rely on: no retry needed, every partition already has a leader.
    assertThat(kafka.admin().describeTopics(Set.of(topic)).allTopicNames().get().get(topic).partitions())
        .hasSize(3)
        .allSatisfy(partition -> assertThat(partition.leader()).isNotNull().matches(leader -> !leader.isEmpty()));

    List<Map.Entry<String, String>> committed = new ArrayList<>();
    Set<Integer> partitionsWritten = new TreeSet<>();
    try (KafkaProducer<String, String> producer = transactionalProducer(kafka)) {
      producer.initTransactions();
      producer.beginTransaction();
      for (int i = 0; i < 30; i++) {
        committed.add(entry("key-" + i, "committed-" + i));
        var sent = new ProducerRecord<>(topic, "key-" + i, "committed-" + i);
        partitionsWritten.add(producer.send(sent).get().partition());
      }
      producer.commitTransaction();
      // An aborted batch proves the consumer below really reads committed data only.
      producer.beginTransaction();
      for (int i = 0; i < 5; i++) {
        producer.send(new ProducerRecord<>(topic, "key-" + i, "aborted-" + i));
      }
      producer.flush();
      producer.abortTransaction();
    }

    assertThat(partitionsWritten).containsExactly(0, 1, 2);
    assertThat(readAllCommitted(kafka, topic, 3)).containsExactlyInAnyOrderElementsOf(committed);
  }

  @Test
  void shouldRunExactlyOnceStreamsAppWhenItCreatesItsOwnInternalTopics(@TempDir Path stateDir) throws Exception {
    String suffix = UUID.randomUUID().toString();
    String words = "words-" + suffix;
    String counts = "counts-" + suffix;
    kafka.createTopics(Map.of(words, 2, counts, 2));

    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(words, Consumed.with(Serdes.String(), Serdes.String()))
        .flatMapValues(line -> List.of(line.split(" ")))
        .groupBy((key, word) -> word, Grouped.with("by-word", Serdes.String(), Serdes.String()))
        .count(Materialized.as("word-counts"))
        .toStream()
        .mapValues(count -> Long.toString(count))
        .to(counts, Produced.with(Serdes.String(), Serdes.String()));
    Properties config = kafka.clientProperties();
    config.put(StreamsConfig.APPLICATION_ID_CONFIG, "it-" + suffix);
    config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());

    // The repartition topic and the changelog are created by Streams itself, which auto-create-off must allow.
    try (KafkaStreams streams = new KafkaStreams(builder.build(), config);
        KafkaProducer<String, String> producer = transactionalProducer(kafka)) {
      streams.start();
      producer.initTransactions();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(words, "line-1", "allow deny allow"));
      producer.send(new ProducerRecord<>(words, "line-2", "deny allow"));
      producer.commitTransaction();

      Map<String, String> latestCount = new HashMap<>();
      await("exactly-once word counts").atMost(WAIT).untilAsserted(() -> {
        readAllCommitted(kafka, counts, 2).forEach(count -> latestCount.put(count.getKey(), count.getValue()));
        assertThat(latestCount).containsExactlyInAnyOrderEntriesOf(Map.of("allow", "3", "deny", "2"));
      });
      assertThat(streams.state()).isEqualTo(KafkaStreams.State.RUNNING);
    }
  }

  @Test
  void shouldStartTwoBrokersConcurrentlyWhenInSameJvm() throws Exception {
    ExecutorService starter = Executors.newFixedThreadPool(2);
    try {
      CompletableFuture<EmbeddedKafka> first = CompletableFuture.supplyAsync(EmbeddedKafka::start, starter);
      CompletableFuture<EmbeddedKafka> second = CompletableFuture.supplyAsync(EmbeddedKafka::start, starter);
      Path firstDir;
      Path secondDir;
      try (EmbeddedKafka a = first.get(60, TimeUnit.SECONDS); EmbeddedKafka b = second.get(60, TimeUnit.SECONDS)) {
        firstDir = a.logDir();
        secondDir = b.logDir();
        assertThat(a.bootstrapServers()).isNotEqualTo(b.bootstrapServers());
        assertThat(a.admin().describeCluster().clusterId().get())
            .isNotEqualTo(b.admin().describeCluster().clusterId().get());

        a.createTopics(Map.of("only-on-a", 1));
        b.createTopics(Map.of("only-on-b", 2));
        assertThat(a.admin().listTopics().names().get()).contains("only-on-a").doesNotContain("only-on-b");
        assertThat(b.admin().listTopics().names().get()).contains("only-on-b").doesNotContain("only-on-a");
      }
      assertThat(firstDir).doesNotExist();
      assertThat(secondDir).doesNotExist();
    } finally {
      starter.shutdownNow();
    }
  }

  @Test
  void shouldKeepRecordsWhenRestartedOnSameLogDir(@TempDir Path dir) throws Exception {
    Path logDir = dir.resolve("kafka");
    try (EmbeddedKafka first = EmbeddedKafka.start(logDir)) {
      first.createTopics(Map.of("kept", 1));
      try (KafkaProducer<String, String> producer = transactionalProducer(first)) {
        producer.initTransactions();
        producer.beginTransaction();
        producer.send(new ProducerRecord<>("kept", "key", "survives-restart"));
        producer.commitTransaction();
      }
    }
    assertThat(logDir.resolve("meta.properties")).exists();

    try (EmbeddedKafka second = EmbeddedKafka.start(logDir)) {
      second.createTopics(Map.of("kept", 1));
      assertThat(readAllCommitted(second, "kept", 1)).containsExactly(entry("key", "survives-restart"));
    }
    assertThat(logDir).isNotEmptyDirectory();
  }

  @Test
  void shouldCreateCompactedTopicWhenAskedForCompaction() throws Exception {
    String topic = "keys-" + UUID.randomUUID();
    kafka.createCompactedTopic(topic, 1);

    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    String policy = kafka.admin().describeConfigs(Set.of(resource)).all().get().get(resource)
        .get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
    assertThat(policy).isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
  }

  private static KafkaProducer<String, String> transactionalProducer(EmbeddedKafka broker) {
    Properties props = broker.clientProperties();
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "it-" + UUID.randomUUID());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    // A wedged producer should fail the test quickly, not after the 60 s default.
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000);
    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
  }

  /** Everything committed to the topic, read until the consumer reaches the last stable offset of each partition. */
  private static List<Map.Entry<String, String>> readAllCommitted(EmbeddedKafka broker, String topic, int partitions) {
    Properties props = broker.clientProperties();
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    List<TopicPartition> assigned = new ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      assigned.add(new TopicPartition(topic, p));
    }
    List<Map.Entry<String, String>> received = new ArrayList<>();
    try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
      consumer.assign(assigned);
      consumer.seekToBeginning(assigned);
      Map<TopicPartition, Long> lastStableOffsets = consumer.endOffsets(assigned);
      await("consumer reaches the last stable offset of every partition of " + topic).atMost(WAIT).until(() -> {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
          received.add(entry(record.key(), record.value()));
        }
        return assigned.stream().allMatch(tp -> consumer.position(tp) >= lastStableOffsets.get(tp));
      });
    }
    return received;
  }
}
