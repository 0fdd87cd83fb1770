package io.guardstream.topology;

import io.guardstream.config.GuardstreamConfig;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/** Kafka Streams settings derived from Guardstream's configuration. */
public final class StreamsSettings {

  private StreamsSettings() {}

  public static Properties of(GuardstreamConfig config) {
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, config.processingGuarantee());
    p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.streamThreads());
    p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, config.commitIntervalMs());
    p.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().toString());
    // KIP-1111: an unnamed store or internal topic is a start-up error, so a rename can never
    // silently orphan state
    p.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
    // the global key table fails closed like every other stage (the Kafka 5.0 default, set now)
    p.put("processing.exception.handler.global.enabled", true);
    p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
    // never hold a task back waiting for its other input: the response path's join and the rate-limit
    // stage's settlements take their inputs in any order (an early answer waits in the pending
    // store; a settlement always follows its own reservation), so idling would only add latency
    p.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, -1L);
    p.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), config.producer().compressionType());
    p.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), config.producer().batchSize());
    p.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbMemory.class);
    p.put(BoundedRocksDbMemory.MEMORY_BYTES, config.rocksDbMemoryMb() * 1024L * 1024L);
    return p;
  }
}
