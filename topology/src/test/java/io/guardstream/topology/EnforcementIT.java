package io.guardstream.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.guardstream.auth.ApiKeys;
import io.guardstream.broker.EmbeddedKafka;
import io.guardstream.config.ConfigLoader;
import io.guardstream.config.TestSecrets;
import io.guardstream.config.GuardstreamConfig;
import io.guardstream.config.TopicNames;
import io.guardstream.ingest.RequestHeaders;
import io.guardstream.messages.ApiKeyRecord;
import io.guardstream.messages.ChatMessage;
import io.guardstream.messages.ChatRequest;
import io.guardstream.serde.Json;
import io.guardstream.serde.JsonSerde;
import io.guardstream.worker.EchoWorker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Enforcement on a real broker with several partitions: exact per-principal limits whatever
 * partition a request lands on, and how fast a revocation reaches a running instance.
 */
class EnforcementIT {

  private static EmbeddedKafka kafka;

  @TempDir static Path dir;

  @BeforeAll
  static void startBroker() {
    kafka = EmbeddedKafka.start();
  }

  @AfterAll
  static void stopBroker() {
    kafka.close();
  }

  @Test
  void shouldAdmitExactlyTheLimitWhenOnePrincipalFloodsAllPartitions() throws Exception {
    try (var env = new Pipeline("exact")) {
      Map<Integer, String> keys = new HashMap<>();
      for (int limit : List.of(7, 50, 200)) {
        keys.put(limit, env.issueKey("flood-" + limit, limit));
      }
      String quiet = env.issueKey("quiet", 5);
      env.awaitRunning();
      int n = 300;
      try (var producer = env.producer()) {
        for (int limit : keys.keySet()) {
          for (int i = 0; i < n; i++) {
            // random ids spread the requests over all three input partitions
            env.send(producer, "L" + limit + "-" + UUID.randomUUID(), keys.get(limit));
          }
        }
        env.send(producer, "quiet-1", quiet);
      }
      Map<String, Integer> statuses = env.awaitResponses(3 * n + 1);
      for (int limit : keys.keySet()) {
        String prefix = "L" + limit + "-";
        long accepted = statuses.entrySet().stream().filter(e -> e.getKey().startsWith(prefix) && e.getValue() == 200).count();
        long limited = statuses.entrySet().stream().filter(e -> e.getKey().startsWith(prefix) && e.getValue() == 429).count();
        assertThat(accepted).as("accepted with limit %d", limit).isEqualTo(limit);
        assertThat(limited).as("429 with limit %d", limit).isEqualTo(n - limit);
      }
      assertThat(statuses.get("quiet-1")).as("a noisy principal does not use up another's quota").isEqualTo(200);
    }
  }

  @Test
  void shouldRefuseARevokedKeyWithinOneSecondOfTheRevocationRecord() throws Exception {
    try (var env = new Pipeline("revoke")) {
      String key = env.issueKey("soon-revoked", 1_000_000);
      env.awaitRunning();
      try (var producer = env.producer()) {
        env.send(producer, "before", key);
        assertThat(env.awaitResponses(1).get("before")).isEqualTo(200);
        env.revoke(key);
        long revokedAt = System.nanoTime();
        long firstRefusal = -1;
        for (int i = 0; i < 100 && firstRefusal < 0; i++) {
          String id = "after-" + i;
          long sent = System.nanoTime();
          env.send(producer, id, key);
          producer.flush();
          if (env.awaitResponses(1).get(id) == 401) {
            firstRefusal = sent;
          }
        }
        assertThat(firstRefusal).as("a request was refused").isPositive();
        double seconds = (firstRefusal - revokedAt) / 1e9;
        System.out.printf("revocation: first refused request was sent %.3f s after the revocation record was acknowledged%n", seconds);
        assertThat(seconds).isLessThan(1.0);
      }
    }
  }

  @Test
  void shouldRefuseARevokedKeyInEveryRunningInstanceWithinOneSecond() throws Exception {
    try (var env = new Pipeline("revoke-two", 2)) {
      String key = env.issueKey("revoked-everywhere", 1_000_000);
      env.awaitRunning();
      // one request id per input partition, so that every authenticating task, on either instance, is asked
      try (var producer = env.producer()) {
        List<String> warm = idsPerPartition("warm-", 3);
        warm.forEach(id -> env.send(producer, id, key));
        producer.flush();
        assertThat(env.awaitResponsesFor(warm).values()).containsOnly(200);
        env.revoke(key);
        long revokedAt = System.nanoTime();
        long allRefused = -1;
        for (int round = 0; round < 100 && allRefused < 0; round++) {
          List<String> ids = idsPerPartition("after-" + round + "-", 3);
          long sent = System.nanoTime();
          ids.forEach(id -> env.send(producer, id, key));
          producer.flush();
          if (env.awaitResponsesFor(ids).values().stream().allMatch(status -> status == 401)) {
            allRefused = sent;
          }
        }
        assertThat(allRefused).as("a round refused on every partition").isPositive();
        double seconds = (allRefused - revokedAt) / 1e9;
        System.out.printf("revocation, two instances: every partition refused requests sent %.3f s after the revocation record was acknowledged%n", seconds);
        assertThat(seconds).isLessThan(1.0);
      }
    }
  }

  @Test
  void shouldContinueCountingAfterAStopMidBurstAndARestartFromTheChangelogAlone() throws Exception {
    try (var env = new Pipeline("restart")) {
      int limit = 100;
      int n = 160;
      String key = env.issueKey("restarted", limit);
      env.awaitRunning();
      List<String> ids = new ArrayList<>();
      try (var producer = env.producer()) {
        for (int i = 0; i < n; i++) {
          String id = "r-" + i;
          ids.add(id);
          env.send(producer, id, key);
        }
      }
      // stop while the burst is being processed: some of it committed, the open transaction aborted
      List<String> answered = new ArrayList<>(env.awaitResponseIds(20));
      env.restartWithEmptyStateDir(0);
      System.out.printf("restart: %d of %d requests answered before the stop%n", answered.size(), n);
      env.awaitRunning();
      answered.addAll(env.awaitResponseIds(n - answered.size()));
      assertThat(answered).as("each request answered exactly once").doesNotHaveDuplicates().hasSize(n)
          .containsExactlyInAnyOrderElementsOf(ids);
      Map<String, Integer> statuses = env.statuses();
      assertThat(statuses.values().stream().filter(s -> s == 200).count())
          .as("the restored counters go on where they stopped: no fresh quota from a restart").isEqualTo(limit);
      assertThat(statuses.values().stream().filter(s -> s == 429).count()).isEqualTo(n - limit);
    }
  }

  @Test
  void shouldAdmitExactlyAsManyConcurrentRequestsAsADailyTokenBudgetHoldsAcrossPartitions() throws Exception {
    // no worker: every admitted request keeps its reservation, as if all were in flight at once
    try (var env = new Pipeline("budget", 1, false)) {
      // each request reserves its prompt tokens plus its max_tokens of 16
      long perRequest = new io.guardstream.ratelimit.TokenEstimator()
          .promptTokens("gpt-4o", List.of(new ChatMessage("user", "hello"))) + 16;
      int fit = 37;
      String key = env.issueKey("budgeted", 1_000_000,
          new io.guardstream.messages.Quota(null, perRequest * fit + perRequest - 1, null, null));
      env.awaitRunning();
      int n = 120;
      try (var producer = env.producer()) {
        for (int i = 0; i < n; i++) {
          env.send(producer, "b-" + UUID.randomUUID(), key);
        }
      }
      // the admitted ones get no response (no worker), the others a 429 each
      Map<String, Integer> refused = env.awaitResponses(n - fit);
      assertThat(refused.values()).containsOnly(429);
      assertThat(env.awaitResponseIdsWithin(Duration.ofSeconds(3))).as("no more than %d were admitted", fit).isEmpty();
    }
  }

  @Test
  void shouldRefuseToStartWhenTheRequestAndWorkerTopicsHaveDifferentPartitionCounts() {
    TopicNames topics = TopicNames.DEFAULTS.withPrefix("uneven.");
    kafka.createTopics(Map.of(topics.requests(), 3, topics.workerRequests(), 2, topics.workerResponses(), 3));
    Properties props = new Properties();
    props.setProperty("bootstrap.servers", kafka.bootstrapServers());
    props.setProperty("application.id", "enforcement-uneven");
    props.setProperty("state.dir", dir.resolve("uneven").toString());
    props.putAll(topics.toProperties());
    GuardstreamConfig config = ConfigLoader.load(props, TestSecrets.environment());
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> GuardstreamApp.start(config, StandardDetectors.load()))
        .isInstanceOf(io.guardstream.config.ConfigException.class)
        .hasMessageContaining("same number of partitions").hasMessageContaining(topics.workerRequests() + "=2");
  }

  /** Request ids that the default partitioner puts on partitions 0 .. n-1 of an n-partition topic. */
  private static List<String> idsPerPartition(String prefix, int n) {
    String[] ids = new String[n];
    for (int i = 0, found = 0; found < n; i++) {
      String id = prefix + i;
      int partition = Utils.toPositive(Utils.murmur2(id.getBytes(StandardCharsets.UTF_8))) % n;
      if (ids[partition] == null) {
        ids[partition] = id;
        found++;
      }
    }
    return List.of(ids);
  }

  /** Pipeline instances on topics of their own. */
  private static final class Pipeline implements AutoCloseable {
    private final TopicNames topics;
    private final List<GuardstreamApp> apps = new ArrayList<>();
    private final Properties props = new Properties();
    private final String name;
    private final EchoWorker worker;
    private final Map<String, Integer> seen = new HashMap<>();
    private final KafkaConsumer<String, byte[]> responses;
    private final KafkaProducer<String, ApiKeyRecord> keyProducer;

    Pipeline(String name) {
      this(name, 1);
    }

    /** {@code instances} pipeline instances with one application id, as in a real deployment. */
    Pipeline(String name, int instances) {
      this(name, instances, true);
    }

    Pipeline(String name, int instances, boolean withWorker) {
      this.name = name;
      topics = TopicNames.DEFAULTS.withPrefix(name + ".");
      kafka.createTopics(Map.of(topics.requests(), 3, topics.workerRequests(), 3, topics.workerResponses(), 3,
          topics.responses(), 3, topics.audit(), 3, topics.alerts(), 1, topics.dlq(), 1));
      kafka.createCompactedTopic(topics.keys(), 1);
      props.setProperty("bootstrap.servers", kafka.bootstrapServers());
      props.setProperty("application.id", "enforcement-" + name);
      props.putAll(topics.toProperties());
      props.setProperty("auth.default.models", "*");
      props.setProperty("worker.timeout.ms", "600000");
      Properties kp = new Properties();
      kp.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
      keyProducer = new KafkaProducer<>(kp, new StringSerializer(), JsonSerde.of(ApiKeyRecord.class).serializer());
      for (int i = 0; i < instances; i++) {
        props.setProperty("state.dir", dir.resolve(name + "-" + i).toString());
        GuardstreamConfig config = ConfigLoader.load(props, TestSecrets.environment());
        apps.add(GuardstreamApp.start(config, StandardDetectors.load()));
      }
      worker = withWorker
          ? new EchoWorker(kafka.bootstrapServers(), topics.workerRequests(), topics.workerResponses(), name + "-worker")
              .start()
          : null;
      Properties c = new Properties();
      c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
      c.put(ConsumerConfig.GROUP_ID_CONFIG, name + "-reader");
      c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
      c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
      responses = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer());
      responses.subscribe(List.of(topics.responses()));
    }

    String issueKey(String principal, int rpm) throws Exception {
      return issueKey(principal, rpm, null);
    }

    String issueKey(String principal, int rpm, io.guardstream.messages.Quota quota) throws Exception {
      String key = ApiKeys.generate();
      keyProducer.send(new ProducerRecord<>(topics.keys(), ApiKeys.keyId(key), new ApiKeyRecord(ApiKeys.keyId(key),
          TestSecrets.KEY_HASHER.hash(key), principal, "t", null, rpm, null, null, ApiKeyRecord.ACTIVE, 0L, null, null,
          quota))).get();
      return key;
    }

    /**
     * Closes instance {@code i} as a crash would leave it for its successor (no state cleanup), then
     * starts it again on an empty state directory, so its stores come back from the changelogs alone.
     */
    void restartWithEmptyStateDir(int i) {
      apps.get(i).close();
      props.setProperty("state.dir", dir.resolve(name + "-" + i + "-restarted").toString());
      apps.set(i, GuardstreamApp.start(ConfigLoader.load(props, TestSecrets.environment()), StandardDetectors.load()));
    }

    void revoke(String key) throws Exception {
      keyProducer.send(new ProducerRecord<>(topics.keys(), ApiKeys.keyId(key), new ApiKeyRecord(ApiKeys.keyId(key),
          TestSecrets.KEY_HASHER.hash(key), "revoked", "t", null, null, ApiKeyRecord.REVOKED, 0L, null))).get();
    }

    void awaitRunning() {
      await("pipeline running").atMost(Duration.ofSeconds(90))
          .until(() -> apps.stream().allMatch(app -> app.state() == KafkaStreams.State.RUNNING));
    }

    KafkaProducer<String, byte[]> producer() {
      Properties p = new Properties();
      p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
      return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    void send(KafkaProducer<String, byte[]> producer, String id, String key) {
      var headers = new RecordHeaders();
      headers.add(RequestHeaders.AUTHORIZATION, ("Bearer " + key).getBytes(StandardCharsets.UTF_8));
      byte[] value = Json.toBytes(new ChatRequest(id, "gpt-4o", List.of(new ChatMessage("user", "hello")), 16,
          null, null, null, null));
      producer.send(new ProducerRecord<>(topics.requests(), null, id, value, headers));
    }

    /** The ids of the next {@code count} responses, in order, duplicates kept. */
    List<String> awaitResponseIds(int count) {
      List<String> ids = new ArrayList<>();
      await("responses").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ZERO).until(() -> {
        ids.addAll(poll());
        return ids.size() >= count;
      });
      return ids;
    }

    /** Responses that arrive within {@code quiet}, when none are expected. */
    List<String> awaitResponseIdsWithin(Duration quiet) throws java.io.IOException {
      List<String> ids = new ArrayList<>();
      long end = System.nanoTime() + quiet.toNanos();
      while (System.nanoTime() < end) {
        ids.addAll(poll());
      }
      return ids;
    }

    /** Every response status seen by {@link #awaitResponseIds}, by request id. */
    Map<String, Integer> statuses() {
      return seen;
    }

    private List<String> poll() throws java.io.IOException {
      List<String> ids = new ArrayList<>();
      for (ConsumerRecord<String, byte[]> r : responses.poll(Duration.ofMillis(100))) {
        ids.add(r.key());
        seen.put(r.key(), Json.MAPPER.readTree(r.value()).get("status").asInt());
      }
      return ids;
    }

    /** The statuses of the next {@code count} responses, by request id. */
    Map<String, Integer> awaitResponses(int count) {
      Map<String, Integer> statuses = new HashMap<>();
      await("responses").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ZERO).until(() -> {
        for (ConsumerRecord<String, byte[]> r : responses.poll(Duration.ofMillis(100))) {
          statuses.put(r.key(), Json.MAPPER.readTree(r.value()).get("status").asInt());
        }
        return statuses.size() >= count;
      });
      return statuses;
    }

    /** The statuses of the responses to {@code ids}, waiting until each has one. */
    Map<String, Integer> awaitResponsesFor(List<String> ids) {
      Map<String, Integer> statuses = new HashMap<>();
      await("responses to " + ids).atMost(Duration.ofSeconds(90)).pollInterval(Duration.ZERO).until(() -> {
        for (ConsumerRecord<String, byte[]> r : responses.poll(Duration.ofMillis(100))) {
          if (ids.contains(r.key())) {
            statuses.put(r.key(), Json.MAPPER.readTree(r.value()).get("status").asInt());
          }
        }
        return statuses.keySet().containsAll(ids);
      });
      return statuses;
    }

    @Override
    public void close() {
      responses.close();
      if (worker != null) {
        worker.close();
      }
      apps.forEach(GuardstreamApp::close);
      keyProducer.close();
    }
  }
}
