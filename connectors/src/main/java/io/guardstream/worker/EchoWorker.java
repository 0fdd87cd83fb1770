package io.guardstream.worker;

import io.guardstream.messages.ChatMessage;
import io.guardstream.messages.Usage;
import io.guardstream.messages.WorkerRequest;
import io.guardstream.messages.WorkerResponse;
import io.guardstream.serde.JsonSerde;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stand-in LLM worker for the demo and tests: answers each worker request with an echo of its
 * last user message. It consumes and produces in one Kafka transaction, so an answer is written
 * exactly when its request's offset is committed: no request is lost or answered twice.
 */
public final class EchoWorker implements Runnable, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EchoWorker.class);

  private final KafkaConsumer<String, WorkerRequest> consumer;
  private final KafkaProducer<String, WorkerResponse> producer;
  private final String responsesTopic;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicLong answered = new AtomicLong();
  private final Thread thread;

  public EchoWorker(String bootstrapServers, String requestsTopic, String responsesTopic, String groupId) {
    this.responsesTopic = responsesTopic;
    Properties c = new Properties();
    c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    c.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    consumer = new KafkaConsumer<>(c, new StringDeserializer(), JsonSerde.of(WorkerRequest.class).deserializer());
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, groupId + "-" + UUID.randomUUID());
    p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    producer = new KafkaProducer<>(p, new StringSerializer(), JsonSerde.of(WorkerResponse.class).serializer());
    producer.initTransactions();
    consumer.subscribe(List.of(requestsTopic));
    thread = new Thread(this, "echo-worker");
    thread.setDaemon(true);
  }

  /** Starts answering on a thread of its own. */
  public EchoWorker start() {
    thread.start();
    return this;
  }

  public long answered() {
    return answered.get();
  }

  @Override
  public void run() {
    try {
      while (running.get()) {
        ConsumerRecords<String, WorkerRequest> records = consumer.poll(Duration.ofMillis(100));
        if (records.isEmpty()) {
          continue;
        }
        producer.beginTransaction();
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (ConsumerRecord<String, WorkerRequest> r : records) {
          producer.send(new ProducerRecord<>(responsesTopic, r.key(), answer(r.value())));
          offsets.put(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
        }
        producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
        producer.commitTransaction();
        answered.addAndGet(records.count());
      }
    } catch (WakeupException e) {
      // closing
    } catch (KafkaException e) {
      if (running.get()) {
        LOG.error("echo worker stopped: {}", e.toString());
      }
    }
  }

  /** The echo answer to one request; also the offline worker of {@code replay}. */
  public static WorkerResponse answer(WorkerRequest request) {
    String lastUser = "";
    int promptChars = 0;
    for (ChatMessage m : request.messages()) {
      String content = m.content() == null ? "" : m.content();
      promptChars += content.length();
      if ("user".equals(m.role())) {
        lastUser = content;
      }
    }
    String content = "echo: " + lastUser;
    // a rough 4-characters-per-token estimate: the echo model has no tokenizer of its own
    int prompt = Math.max(1, promptChars / 4);
    int completion = Math.max(1, content.length() / 4);
    return new WorkerResponse(request.requestId(), request.model(), content, "stop",
        new Usage(prompt, completion, prompt + completion), null, System.currentTimeMillis());
  }

  @Override
  public void close() {
    running.set(false);
    consumer.wakeup();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    consumer.close();
    producer.close(Duration.ofSeconds(5));
  }
}
