package io.guardstream.gateway;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Request-reply over Kafka: a request goes to the requests topic keyed by its id, and its answer is
 * the record with the same key on the responses topic. Nothing here blocks a caller's thread for
 * the answer: the returned future completes on the listener's thread, or with a 504 when the
 * reply timeout passes first.
 */
public final class KafkaRequestReply implements RequestReply {

  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);

  private final KafkaProducer<String, byte[]> producer;
  private final ReplyListener listener;
  private final String requestsTopic;
  private final Duration replyTimeout;
  private final int maxPending;

  private KafkaRequestReply(GatewayConfig config) {
    this.requestsTopic = config.requestsTopic();
    this.replyTimeout = config.replyTimeout();
    this.maxPending = config.maxPending();
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    p.put(ProducerConfig.CLIENT_ID_CONFIG, "guardstream-gateway-" + UUID.randomUUID());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.LINGER_MS_CONFIG, 1);
    // send() runs on a Jetty thread: bound how long a full buffer or lost metadata can hold it
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 2_000);
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.max(15_000, config.replyTimeout().toMillis()));
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    this.listener = new ReplyListener(config.bootstrapServers(), config.responsesTopic());
  }

  /**
   * Connects, fixes the listener at the end of every responses partition and fetches the requests
   * topic's metadata; returns when both sides work (readiness), or fails naming what is missing.
   */
  public static KafkaRequestReply start(GatewayConfig config) {
    KafkaRequestReply requestReply = new KafkaRequestReply(config);
    try {
      requestReply.awaitRequestsTopic();
      requestReply.listener.start(STARTUP_TIMEOUT);
      return requestReply;
    } catch (RuntimeException e) {
      requestReply.close();
      throw e;
    }
  }

  private void awaitRequestsTopic() {
    long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
    while (true) {
      try {
        if (producer.partitionsFor(requestsTopic).isEmpty()) {
          throw new IllegalStateException("the requests topic " + requestsTopic + " has no partitions");
        }
        return;
      } catch (TimeoutException e) {
        // each attempt waits max.block.ms; a cold cluster may need several
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the requests topic " + requestsTopic + " is not available");
      }
    }
  }

  @Override
  public CompletableFuture<GatewayReply> exchange(String requestId, byte[] body, String authorization, String clientAddress) {
    if (listener.pendingCount() >= maxPending) {
      return CompletableFuture.completedFuture(
          GatewayReply.error(503, "overloaded", "too many requests are waiting for an answer; retry shortly"));
    }
    CompletableFuture<GatewayReply> reply = listener.expect(requestId);
    reply.completeOnTimeout(GatewayReply.error(504, "pipeline_timeout",
        "no answer from the pipeline within " + replyTimeout.toMillis() + " ms; the request may still be processed"),
        replyTimeout.toMillis(), TimeUnit.MILLISECONDS);
    var headers = new RecordHeaders();
    if (authorization != null) {
      headers.add(GatewayHeaders.AUTHORIZATION, authorization.getBytes(StandardCharsets.UTF_8));
    }
    headers.add(GatewayHeaders.CLIENT_ADDRESS, clientAddress.getBytes(StandardCharsets.UTF_8));
    try {
      producer.send(new ProducerRecord<>(requestsTopic, null, requestId, body, headers), (metadata, error) -> {
        if (error != null) {
          reply.complete(notSent());
        }
      });
    } catch (KafkaException | IllegalStateException e) {
      // IllegalStateException: the producer is closing with the gateway
      reply.complete(notSent());
    }
    return reply;
  }

  private static GatewayReply notSent() {
    return GatewayReply.error(503, "pipeline_unavailable", "the request could not be handed to the pipeline; retry shortly");
  }

  @Override
  public boolean ready() {
    return listener.assigned();
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
    listener.close();
  }
}
