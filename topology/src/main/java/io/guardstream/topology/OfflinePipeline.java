package io.guardstream.topology;

import io.guardstream.config.GuardstreamConfig;
import io.guardstream.messages.ApiKeyRecord;
import io.guardstream.messages.WorkerRequest;
import io.guardstream.messages.WorkerResponse;
import io.guardstream.ratelimit.LiveLimits;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The whole topology without a broker, in {@link TopologyTestDriver}, with a worker function
 * answering worker requests: what {@code replay} runs and what the topology tests drive. Every
 * record the topology emits is returned in the order of the topic list, topic by topic.
 */
public final class OfflinePipeline implements AutoCloseable {

  /** One record the topology emitted. */
  public record Emitted(String topic, String key, Map<String, String> headers, Object value, long timestamp) {}

  private final TopologyTestDriver driver;
  private final Topics topics;
  private final Function<WorkerRequest, WorkerResponse> worker;
  private final TestInputTopic<String, byte[]> requests;
  private final TestInputTopic<String, ApiKeyRecord> keys;
  private final TestInputTopic<String, WorkerResponse> workerResponses;
  private final List<TestOutputTopic<String, ?>> outputs = new ArrayList<>();
  private final TestOutputTopic<String, WorkerRequest> workerRequests;
  private long wallClockMs;

  /**
   * @param worker answers a worker request, or returns null to leave it unanswered (a timeout)
   * @param wallClockStart the driver's initial wall-clock time
   */
  public OfflinePipeline(GuardstreamConfig config, Detectors detectors, Function<WorkerRequest, WorkerResponse> worker,
      Instant wallClockStart) {
    this(config, detectors, worker, wallClockStart, new LiveLimits(config.rateLimit()));
  }

  /** @param limits the limits in force, which the caller may replace between records */
  public OfflinePipeline(GuardstreamConfig config, Detectors detectors, Function<WorkerRequest, WorkerResponse> worker,
      Instant wallClockStart, LiveLimits limits) {
    Properties properties = StreamsSettings.of(config);
    this.topics = Topics.of(config.topics());
    this.driver = new TopologyTestDriver(GuardstreamTopology.build(config, detectors, properties, limits), properties,
        wallClockStart);
    this.worker = worker;
    this.wallClockMs = wallClockStart.toEpochMilli();
    var key = topics.requests().keySerde();
    requests = driver.createInputTopic(topics.requests().name(), key.serializer(), topics.requests().valueSerde().serializer());
    keys = driver.createInputTopic(topics.keys().name(), key.serializer(), topics.keys().valueSerde().serializer());
    workerResponses = driver.createInputTopic(topics.workerResponses().name(), key.serializer(),
        topics.workerResponses().valueSerde().serializer());
    workerRequests = output(topics.workerRequests());
    outputs.add(workerRequests);
    outputs.add(output(topics.responses()));
    outputs.add(output(topics.audit()));
    outputs.add(output(topics.alerts()));
    outputs.add(output(topics.dlq()));
  }

  private <V> TestOutputTopic<String, V> output(Topic<String, V> topic) {
    Serde<V> serde = topic.valueSerde();
    return driver.createOutputTopic(topic.name(), topic.keySerde().deserializer(), serde.deserializer());
  }

  public Topics topics() {
    return topics;
  }

  public TopologyTestDriver driver() {
    return driver;
  }

  public void putKey(ApiKeyRecord record) {
    keys.pipeInput(record.keyId(), record);
  }

  /**
   * Sends one request and returns everything the topology emitted for it, answers included. The wall
   * clock follows the records: a record stamped later than it moves it forward first, as time passes
   * for a live pipeline (rate limits never count a record ahead of the wall clock).
   */
  public List<Emitted> send(String key, byte[] value, Headers headers, long timestamp) {
    List<Emitted> emitted = new ArrayList<>();
    if (timestamp > wallClockMs) {
      emitted.addAll(advanceWallClock(Duration.ofMillis(timestamp - wallClockMs)));
    }
    requests.pipeInput(new TestRecord<>(key, value, headers, Instant.ofEpochMilli(timestamp)));
    emitted.addAll(drain());
    return emitted;
  }

  /** Sends a record stamped {@code timestamp} without moving the wall clock: a producer's clock running ahead. */
  public List<Emitted> sendAheadOfClock(String key, byte[] value, Headers headers, long timestamp) {
    requests.pipeInput(new TestRecord<>(key, value, headers, Instant.ofEpochMilli(timestamp)));
    return drain();
  }

  /** Moves the wall clock (timeouts are wall-clock punctuations) and returns what that emitted. */
  public List<Emitted> advanceWallClock(Duration by) {
    wallClockMs += by.toMillis();
    driver.advanceWallClockTime(by);
    return drain();
  }

  /** Reads every output topic; worker requests are answered by the worker until all is quiet. */
  public List<Emitted> drain() {
    List<Emitted> emitted = new ArrayList<>();
    boolean more = true;
    while (more) {
      more = false;
      for (TestOutputTopic<String, ?> out : outputs) {
        for (TestRecord<String, ?> record : out.readRecordsToList()) {
          String topic = topicOf(out);
          emitted.add(new Emitted(topic, record.key(), headers(record.headers()), record.value(), record.timestamp()));
          if (out == workerRequests) {
            WorkerResponse answer = worker.apply((WorkerRequest) record.value());
            if (answer != null) {
              workerResponses.pipeInput(new TestRecord<>(record.key(), answer, Instant.ofEpochMilli(record.timestamp())));
              more = true;
            }
          }
        }
      }
    }
    return emitted;
  }

  private String topicOf(TestOutputTopic<String, ?> out) {
    // TestOutputTopic's toString names its topic; keep the mapping explicit instead
    int i = outputs.indexOf(out);
    return List.of(topics.workerRequests().name(), topics.responses().name(), topics.audit().name(),
        topics.alerts().name(), topics.dlq().name()).get(i);
  }

  private static Map<String, String> headers(Headers headers) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Header h : headers) {
      out.put(h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
    }
    return out;
  }

  @Override
  public void close() {
    driver.close();
  }
}
