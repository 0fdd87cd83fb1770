package io.guardstream.gateway;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every partition of the responses topic and completes the requests this gateway instance
 * is waiting for. No consumer group: each instance must see every answer, because the pipeline
 * writes an answer to the partition of its request id, not to the instance that asked. It starts
 * at the end (older answers belong to requests nobody waits for any more) and reads committed
 * records only, so an answer from an aborted pipeline transaction never reaches a client.
 * An answer for someone else costs one key comparison: the value is parsed only when pending.
 */
final class ReplyListener implements Runnable, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ReplyListener.class);
  private static final Duration POLL = Duration.ofMillis(100);
  /** How often new partitions of the responses topic are looked for. */
  private static final long PARTITION_REFRESH_MS = 30_000;

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final String topic;
  private final Map<String, CompletableFuture<GatewayReply>> pending = new ConcurrentHashMap<>();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final Thread thread;
  private volatile boolean assigned;
  private long nextPartitionRefresh;

  ReplyListener(String bootstrapServers, String topic) {
    this.topic = topic;
    Properties c = new Properties();
    c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    c.put(ConsumerConfig.CLIENT_ID_CONFIG, "guardstream-gateway-replies-" + UUID.randomUUID());
    c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
    consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    thread = new Thread(this, "gateway-replies");
    thread.setDaemon(true);
  }

  /**
   * Takes every partition, positioned at its end, then starts reading. Returns only when the
   * positions are fixed: an answer written after this call returns is never missed.
   */
  ReplyListener start(Duration timeout) {
    List<TopicPartition> partitions = partitions(timeout);
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    for (TopicPartition partition : partitions) {
      consumer.position(partition, timeout);
    }
    nextPartitionRefresh = System.currentTimeMillis() + PARTITION_REFRESH_MS;
    assigned = true;
    thread.start();
    return this;
  }

  boolean assigned() {
    return assigned && thread.isAlive();
  }

  /** Registers a request before it is sent, so that its answer cannot arrive unnoticed. */
  CompletableFuture<GatewayReply> expect(String requestId) {
    CompletableFuture<GatewayReply> reply = new CompletableFuture<>();
    pending.put(requestId, reply);
    reply.whenComplete((r, e) -> pending.remove(requestId, reply));
    return reply;
  }

  int pendingCount() {
    return pending.size();
  }

  @Override
  public void run() {
    try {
      while (running.get()) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
          if (record.key() == null || pending.isEmpty()) {
            continue;
          }
          CompletableFuture<GatewayReply> reply = pending.get(new String(record.key(), StandardCharsets.UTF_8));
          if (reply != null) {
            reply.complete(ReplyDecoder.decode(record));
          }
        }
        if (System.currentTimeMillis() >= nextPartitionRefresh) {
          addNewPartitions();
        }
      }
    } catch (WakeupException e) {
      // closing
    } catch (KafkaException e) {
      // the instance is no longer ready; /readyz says so and the orchestrator restarts it
      LOG.error("gateway stopped reading answers from {}: {}", topic, e.toString());
    }
  }

  /** Partitions added to the topic while running are read from their beginning: they are new. */
  private void addNewPartitions() {
    nextPartitionRefresh = System.currentTimeMillis() + PARTITION_REFRESH_MS;
    Set<TopicPartition> current = new HashSet<>(consumer.assignment());
    List<TopicPartition> all = partitions(Duration.ofSeconds(5));
    List<TopicPartition> added = new ArrayList<>(all);
    added.removeAll(current);
    if (!added.isEmpty()) {
      consumer.assign(all);
      consumer.seekToBeginning(added);
    }
  }

  private List<TopicPartition> partitions(Duration timeout) {
    List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
    if (infos == null || infos.isEmpty()) {
      throw new IllegalStateException("the responses topic " + topic + " does not exist");
    }
    List<TopicPartition> partitions = new ArrayList<>();
    for (PartitionInfo info : infos) {
      partitions.add(new TopicPartition(info.topic(), info.partition()));
    }
    return partitions;
  }

  @Override
  public void close() {
    running.set(false);
    consumer.wakeup();
    if (thread.isAlive()) {
      try {
        thread.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    consumer.close();
    pending.values().forEach(r -> r.complete(GatewayReply.error(503, "gateway_stopping", "the gateway is shutting down")));
  }
}
