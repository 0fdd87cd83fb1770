package io.guardstream.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.guardstream.config.TopicNames;
import io.guardstream.serde.Json;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Recorder;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Watches the pipeline's outputs as a client would (read_committed): responses by status, audit
 * events by decision, alerts, dead letters, and end-to-end latency from produce to response.
 */
public final class DemoMonitor implements Runnable, AutoCloseable {

  private final KafkaConsumer<String, byte[]> consumer;
  private final TopicNames topics;
  private final Map<String, Long> sentAtNanos;
  private final Map<Integer, AtomicLong> byStatus = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> byDecision = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> byTopic = new ConcurrentHashMap<>();
  private final List<String> alerts = new CopyOnWriteArrayList<>();
  private final Recorder latency = new Recorder(3);
  private final Histogram total = new Histogram(3);
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final Thread thread = new Thread(this, "demo-monitor");

  public DemoMonitor(String bootstrapServers, TopicNames topics, Map<String, Long> sentAtNanos) {
    this.topics = topics;
    this.sentAtNanos = sentAtNanos;
    Properties c = new Properties();
    c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    c.put(ConsumerConfig.GROUP_ID_CONFIG, "guardstream-demo-monitor");
    c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    consumer = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer());
    consumer.subscribe(List.of(topics.responses(), topics.audit(), topics.alerts(), topics.dlq(), topics.workerRequests()));
    thread.setDaemon(true);
  }

  public DemoMonitor start() {
    thread.start();
    return this;
  }

  @Override
  public void run() {
    try {
      while (running.get()) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
          byTopic.computeIfAbsent(r.topic(), t -> new AtomicLong()).incrementAndGet();
          JsonNode value = r.value() == null ? null : Json.MAPPER.readTree(r.value());
          if (value == null) {
            continue;
          }
          if (r.topic().equals(topics.responses())) {
            byStatus.computeIfAbsent(value.path("status").asInt(), s -> new AtomicLong()).incrementAndGet();
            Long sentAt = r.key() == null ? null : sentAtNanos.remove(r.key());
            if (sentAt != null) {
              latency.recordValue(Math.max(1, (System.nanoTime() - sentAt) / 1000));
            }
          } else if (r.topic().equals(topics.audit())) {
            byDecision.computeIfAbsent(value.path("decision").asText(), d -> new AtomicLong()).incrementAndGet();
          } else if (r.topic().equals(topics.alerts())) {
            alerts.add(value.path("severity").asText() + ": " + value.path("summary").asText());
          }
        }
      }
    } catch (WakeupException e) {
      // closing
    } catch (java.io.IOException e) {
      throw new IllegalStateException("unreadable output record", e);
    }
  }

  public long responses() {
    return byStatus.values().stream().mapToLong(AtomicLong::get).sum();
  }

  public Map<Integer, Long> byStatus() {
    return snapshot(byStatus);
  }

  public Map<String, Long> byDecision() {
    return snapshot(byDecision);
  }

  public Map<String, Long> byTopic() {
    return snapshot(byTopic);
  }

  public List<String> alerts() {
    return List.copyOf(alerts);
  }

  /** Latency (µs) recorded since the last call, folded into the running total too. */
  public synchronized Histogram latencySinceLastCall() {
    Histogram interval = latency.getIntervalHistogram();
    total.add(interval);
    return interval;
  }

  public synchronized Histogram totalLatency() {
    total.add(latency.getIntervalHistogram());
    return total.copy();
  }

  private static <K> Map<K, Long> snapshot(Map<K, AtomicLong> counts) {
    Map<K, Long> out = new TreeMap<>();
    counts.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  @Override
  public void close() {
    running.set(false);
    consumer.wakeup();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    consumer.close();
  }
}
