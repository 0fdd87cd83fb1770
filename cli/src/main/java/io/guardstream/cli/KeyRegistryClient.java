package io.guardstream.cli;

import io.guardstream.messages.ApiKeyRecord;
import io.guardstream.serde.JsonSerde;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Reads and writes the compacted key registry topic: a key's latest record is its state. */
final class KeyRegistryClient {

  private final String bootstrapServers;
  private final String topic;

  KeyRegistryClient(String bootstrapServers, String topic) {
    this.bootstrapServers = bootstrapServers;
    this.topic = topic;
  }

  void put(ApiKeyRecord record) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000);
    try (var producer = new KafkaProducer<>(p, new StringSerializer(), JsonSerde.of(ApiKeyRecord.class).serializer())) {
      producer.send(new ProducerRecord<>(topic, record.keyId(), record)).get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("could not write to " + topic + ": " + e.getCause().getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted");
    }
  }

  /** The registry as of now: every key's latest record, in the order first seen. */
  Collection<ApiKeyRecord> readAll() {
    Map<String, ApiKeyRecord> latest = latest(topic, JsonSerde.of(ApiKeyRecord.class).deserializer(), true);
    return latest.values();
  }

  /**
   * The latest value per key of a compacted topic (tombstones remove the key).
   *
   * @param required whether a missing topic is an error or just an empty result
   */
  <V> Map<String, V> latest(String compactedTopic, Deserializer<V> values, boolean required) {
    Properties c = new Properties();
    c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    try (var consumer = new KafkaConsumer<>(c, new StringDeserializer(), values)) {
      List<PartitionInfo> partitions = consumer.partitionsFor(compactedTopic, Duration.ofSeconds(30));
      if (partitions == null || partitions.isEmpty()) {
        if (!required) {
          return Map.of();
        }
        throw new IllegalStateException("topic " + compactedTopic + " does not exist");
      }
      List<TopicPartition> tps = new ArrayList<>();
      partitions.forEach(p -> tps.add(new TopicPartition(compactedTopic, p.partition())));
      consumer.assign(tps);
      consumer.seekToBeginning(tps);
      Map<TopicPartition, Long> end = consumer.endOffsets(tps);
      Map<String, V> latest = new LinkedHashMap<>();
      long deadline = System.currentTimeMillis() + 30_000;
      while (!caughtUp(consumer, end)) {
        if (System.currentTimeMillis() > deadline) {
          throw new IllegalStateException("timed out reading " + compactedTopic);
        }
        for (ConsumerRecord<String, V> r : consumer.poll(Duration.ofMillis(200))) {
          if (r.value() == null) {
            latest.remove(r.key());
          } else {
            latest.put(r.key(), r.value());
          }
        }
      }
      return latest;
    }
  }

  private static boolean caughtUp(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
    for (var e : end.entrySet()) {
      if (consumer.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }
}
