package io.guardstream.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.guardstream.broker.EmbeddedKafka;
import io.guardstream.messages.Usage;
import io.guardstream.messages.WorkerResponse;
import io.guardstream.serde.Json;
import io.guardstream.schemas.RecordSchemas;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The worker on a real KRaft broker against a local fake model server: answers with usage, retries,
 * error records, and what a killed or crashed worker leaves for the next one (read with
 * read_committed and compared per request id: ALL-RECORDS-DELIVERED, once each).
 */
class LlmWorkerIT {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final RetryPolicy FAST = new RetryPolicy(4, Duration.ofMillis(20), Duration.ofMillis(100), Duration.ofSeconds(20));

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
  void shouldProduceEveryAnswerWithItsUsageWhenTheModelAnswers() throws IOException {
    WorkerKafka topics = topics("answers", 3);
    Map<String, String> prompts = prompts("ok", 40, i -> "[slow] question " + i);
    try (FakeModelServer model = new FakeModelServer("A");
        LlmWorker worker = new LlmWorker(topics, provider(model), 4).start()) {
      send(topics, prompts);
      await("every request answered").atMost(WAIT).until(() -> worker.answered() == prompts.size());

      Map<String, List<WorkerResponse>> answers = readAnswers(topics);
      assertThat(answers).containsOnlyKeys(prompts.keySet());
      prompts.forEach((id, prompt) -> {
        assertThat(answers.get(id)).singleElement().satisfies(a -> {
          assertThat(a.error()).isNull();
          assertThat(a.content()).isEqualTo("answer from A: " + prompt);
          assertThat(a.usage()).isEqualTo(new Usage(11, 7, 18));
        });
        assertThat(model.calls(id)).hasSize(1);
      });
      assertThat(model.maxInFlight()).isBetween(2, 4);
    }
  }

  @Test
  void shouldAnswerAfterRetriesWhenTheModelThrottlesThenRecovers() throws IOException {
    WorkerKafka topics = topics("retries", 1);
    Map<String, String> prompts = Map.of("throttled", "[429 x2] hi", "flaky", "[500 x1] hi");
    try (FakeModelServer model = new FakeModelServer("A");
        LlmWorker worker = new LlmWorker(topics, provider(model), 4).start()) {
      send(topics, prompts);
      await("both answered").atMost(WAIT).until(() -> worker.answered() == 2);

      Map<String, List<WorkerResponse>> answers = readAnswers(topics);
      assertThat(answers.get("throttled")).singleElement().satisfies(a -> assertThat(a.content()).isEqualTo("answer from A: [429 x2] hi"));
      assertThat(answers.get("flaky")).singleElement().satisfies(a -> assertThat(a.error()).isNull());
      assertThat(model.calls("throttled")).hasSize(3);
      assertThat(model.calls("flaky")).hasSize(2);
      assertThat(worker.errors()).isZero();
    }
  }

  @Test
  void shouldProduceAnErrorRecordAndKeepAnsweringWhenACallCannotSucceed() throws IOException {
    WorkerKafka topics = topics("errors", 1);
    try (FakeModelServer model = new FakeModelServer("A");
        LlmWorker worker = new LlmWorker(topics, provider(model), 4).start()) {
      send(topics, Map.of("down", "[500] hi", "refused", "[401] hi"));
      sendRaw(topics, "garbled", "{not json".getBytes(StandardCharsets.UTF_8));
      send(topics, Map.of("after", "still there?"));
      await("all four answered").atMost(WAIT).until(() -> worker.answered() == 4);

      Map<String, List<WorkerResponse>> answers = readAnswers(topics);
      assertThat(answers.get("down")).singleElement().satisfies(a -> assertThat(a.error().code()).isEqualTo("model_unavailable"));
      assertThat(answers.get("refused")).singleElement().satisfies(a -> assertThat(a.error().code()).isEqualTo("model_rejected"));
      assertThat(answers.get("garbled")).singleElement().satisfies(a -> assertThat(a.error().code()).isEqualTo("worker_bad_request"));
      assertThat(answers.get("after")).singleElement().satisfies(a -> assertThat(a.content()).isEqualTo("answer from A: still there?"));
      assertThat(model.calls("down")).hasSize(FAST.maxAttempts());
      assertThat(model.calls("refused")).hasSize(1);
      assertThat(worker.errors()).isEqualTo(3);
    }
  }

  @Test
  void shouldNotCallTheModelAgainForCommittedAnswersWhenAWorkerIsKilledMidFlight() throws IOException {
    WorkerKafka topics = topics("killed", 1);
    Map<String, String> prompts = new LinkedHashMap<>();
    prompts.put("r0", "[hang@A] the oldest request, stuck at the model"); // holds the committed position at 0
    prompts.putAll(prompts("q", 9, i -> "question " + i));
    try (FakeModelServer a = new FakeModelServer("A"); FakeModelServer b = new FakeModelServer("B")) {
      LlmWorker first = new LlmWorker(topics, provider(a, Duration.ofSeconds(30)), 4).start();
      send(topics, prompts);
      await("the nine after the stuck one answered").atMost(WAIT).until(() -> first.answered() == 9);
      first.close(Duration.ZERO); // killed with r0 in flight: its offset was never committed

      try (LlmWorker second = new LlmWorker(topics, provider(b), 4).start()) {
        await("all ten settled by the next worker").atMost(WAIT).until(() -> second.answered() + second.skippedAlreadyAnswered() >= 10);

        Map<String, List<WorkerResponse>> answers = readAnswers(topics);
        assertThat(answers).containsOnlyKeys(prompts.keySet());
        answers.values().forEach(list -> assertThat(list).hasSize(1));
        assertThat(answers.get("r0").get(0).content()).startsWith("answer from B:");
        assertThat(b.calls("r0")).hasSize(1);
        // what the first worker had committed is never sent to the model again
        prompts.keySet().stream().filter(id -> !id.equals("r0")).forEach(id -> {
          assertThat(answers.get(id).get(0).content()).startsWith("answer from A:");
          assertThat(b.calls(id)).isEmpty();
        });
        assertThat(second.skippedAlreadyAnswered()).isEqualTo(9);
        assertThat(second.answered()).isEqualTo(1);
      }
    }
  }

  @Test
  void shouldRepeatOnlyTheCallsOfTheMovedPartitionWhenASecondWorkerJoins() throws IOException {
    WorkerKafka topics = topics("joined", 2);
    try (FakeModelServer model = new FakeModelServer("A");
        LlmWorker first = new LlmWorker(topics, provider(model), 4).start()) {
      sendTo(topics, 0, "p0", "[sleep 4000ms] on partition 0");
      sendTo(topics, 1, "p1", "[sleep 4000ms] on partition 1");
      await("both calls at the model").atMost(WAIT).until(() -> model.totalCalls() == 2);
      WorkerKafka sameGroup = new WorkerKafka(topics.bootstrapServers(), topics.requestsTopic(), topics.responsesTopic(),
          topics.groupId(), "second");
      try (LlmWorker second = new LlmWorker(sameGroup, provider(model), 4).start()) {
        await("both answered").atMost(WAIT).until(() -> first.answered() + second.answered() == 2);

        Map<String, List<WorkerResponse>> answers = readAnswers(topics);
        assertThat(answers).containsOnlyKeys("p0", "p1");
        answers.values().forEach(list -> assertThat(list).hasSize(1));
        // one partition moved to the newcomer, which called its request again; the other kept its call
        assertThat(model.totalCalls()).isEqualTo(3);
        assertThat(first.answered()).isEqualTo(1);
        assertThat(second.answered()).isEqualTo(1);
      }
    }
  }

  @Test
  void shouldCommitTheCallsInFlightWhenStoppedGracefully() throws IOException {
    WorkerKafka topics = topics("stopped", 1);
    try (FakeModelServer model = new FakeModelServer("A")) {
      LlmWorker worker = new LlmWorker(topics, provider(model), 4).start();
      send(topics, Map.of("slow-1", "[slow] take your time"));
      await("the call is at the model").atMost(WAIT).until(() -> model.calls("slow-1").size() == 1);
      worker.close(Duration.ofSeconds(10));

      assertThat(worker.answered()).isEqualTo(1);
      assertThat(readAnswers(topics).get("slow-1")).singleElement()
          .satisfies(a -> assertThat(a.content()).isEqualTo("answer from A: [slow] take your time"));
    }
  }

  @Test
  void shouldAnswerExactlyOnceAndCallAgainOnlyTheUncommittedWhenAWorkerCrashesBeforeCommitting() throws IOException {
    // the same instance id: the next worker's start aborts the transaction the crashed one left open
    crashInsideTheFirstTransactionThenRestart("crashed", topics -> topics.instanceId());
  }

  @Test
  void shouldAnswerExactlyOnceWhenTheCrashedWorkersTransactionIsLeftToTimeOut() throws IOException {
    // another instance id: the next worker waits for the broker to abort the open transaction
    crashInsideTheFirstTransactionThenRestart("timed-out", topics -> "another-" + UUID.randomUUID());
  }

  private void crashInsideTheFirstTransactionThenRestart(String test, Function<WorkerKafka, String> nextInstanceId) throws IOException {
    WorkerKafka topics = topics(test, 1);
    Map<String, String> prompts = prompts("c", 6, i -> "question " + i);
    try (FakeModelServer model = new FakeModelServer("A")) {
      LlmWorker first = new LlmWorker(topics, provider(model), 4);
      AtomicBoolean crashed = new AtomicBoolean();
      first.beforeCommit(() -> {
        crashed.set(true);
        throw new IllegalStateException("simulated crash: answers and offsets sent, transaction not committed");
      });
      first.start();
      send(topics, prompts);
      await("the first worker crashed inside its first transaction").atMost(WAIT).untilTrue(crashed);
      first.close(Duration.ZERO);
      assertThat(first.answered()).isZero();

      WorkerKafka next = new WorkerKafka(topics.bootstrapServers(), topics.requestsTopic(), topics.responsesTopic(),
          topics.groupId(), nextInstanceId.apply(topics));
      try (LlmWorker second = new LlmWorker(next, provider(model), 4).start()) {
        await("every request answered by the next worker").atMost(WAIT).until(() -> second.answered() == prompts.size());

        Map<String, List<WorkerResponse>> answers = readAnswers(topics);
        assertThat(answers).containsOnlyKeys(prompts.keySet());
        answers.values().forEach(list -> assertThat(list).hasSize(1));
        // a request in the crashed transaction reached the model twice, any other once
        Map<String, Integer> calls = prompts.keySet().stream().collect(Collectors.toMap(id -> id, id -> model.calls(id).size()));
        assertThat(calls.values()).allSatisfy(n -> assertThat(n).isBetween(1, 2)).contains(2);
      }
    }
  }

  private static WorkerKafka topics(String test, int partitions) {
    String run = test + "-" + UUID.randomUUID().toString().substring(0, 8);
    WorkerKafka topics = new WorkerKafka(kafka.bootstrapServers(), "requests-" + run, "responses-" + run, "worker-" + run, run);
    kafka.createTopics(Map.of(topics.requestsTopic(), partitions, topics.responsesTopic(), partitions));
    return topics;
  }

  private static OpenAiProvider provider(FakeModelServer model) {
    return provider(model, Duration.ofSeconds(5));
  }

  private static OpenAiProvider provider(FakeModelServer model, Duration callTimeout) {
    return new OpenAiProvider(new OpenAiSettings(model.baseUrl(), Map.of("*", "local-model"), null, callTimeout, FAST));
  }

  private static Map<String, String> prompts(String prefix, int count, IntFunction<String> prompt) {
    Map<String, String> prompts = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      prompts.put(prefix + i, prompt.apply(i));
    }
    return prompts;
  }

  private static void send(WorkerKafka topics, Map<String, String> prompts) {
    prompts.forEach((id, prompt) -> sendRaw(topics, id, Json.toBytes(OpenAiProviderTest.request(id, prompt))));
  }

  private static void sendTo(WorkerKafka topics, int partition, String id, String prompt) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    try (var producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(topics.requestsTopic(), partition, id, Json.toBytes(OpenAiProviderTest.request(id, prompt))));
    }
  }

  private static void sendRaw(WorkerKafka topics, String key, byte[] value) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    try (var producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(topics.requestsTopic(), key, value));
    }
  }

  /**
   * Every committed answer, per request id, read to the end of the response topic with read_committed;
   * each one checked against the topic's JSON Schema, the contract the pipeline and data teams rely on.
   */
  private static Map<String, List<WorkerResponse>> readAnswers(WorkerKafka topics) {
    Properties c = new Properties();
    c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    Map<String, List<WorkerResponse>> answers = new HashMap<>();
    try (var consumer = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      consumer.partitionsFor(topics.responsesTopic()).forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      await("read to the end of " + topics.responsesTopic()).atMost(WAIT).until(() -> {
        for (var r : consumer.poll(Duration.ofMillis(100))) {
          assertThat(RecordSchemas.shared().validate(RecordSchemas.WORKER_RESPONSES, Json.MAPPER.readTree(r.value()))).isEmpty();
          answers.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(Json.fromBytes(r.value(), WorkerResponse.class));
        }
        return partitions.stream().allMatch(tp -> consumer.position(tp) >= end.get(tp));
      });
    }
    return answers;
  }
}
