package io.guardstream.worker;

import io.guardstream.messages.WorkerError;
import io.guardstream.messages.WorkerRequest;
import io.guardstream.messages.WorkerResponse;
import io.guardstream.serde.Json;
import io.guardstream.serde.JsonSerde;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker loop: consumes {@code llm.worker.requests}, has a {@link ModelProvider} answer up to
 * {@code concurrency} of them at a time, and writes the answers to {@code llm.worker.responses}.
 *
 * <p>Delivery: answers and the request offsets they settle are committed in one Kafka transaction
 * (with the consumer group's metadata, so a worker that lost its partitions is fenced). A partition's
 * committed position is its oldest unanswered request; requests answered beyond it are listed in
 * the offset's metadata ({@link AnsweredOffsets}). Hence, after any crash or rebalance:
 * <ul>
 *   <li>every request gets exactly one answer in the response topic (read_committed);
 *   <li>a request whose answer was committed is never sent to the model again;
 *   <li>a request in flight (or answered but not yet committed) when its worker died is sent again
 *       by the next owner, with the same {@code Idempotency-Key}.
 * </ul>
 */
public final class LlmWorker implements Runnable, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LlmWorker.class);
  private static final int MAX_POLL_RECORDS = 250;
  /**
   * A transaction here is a few sends and a commit, never a model call, so 10 s is ample; it bounds how
   * long a dead worker's open transaction holds back the response partition (Kafka's default is 60 s).
   */
  private static final Duration TRANSACTION_TIMEOUT = Duration.ofSeconds(10);
  /** Pausing a partition here keeps it under {@link AnsweredOffsets#MAX_OFFSETS} after one more poll. */
  private static final int PAUSE_AT_UNCOMMITTED = AnsweredOffsets.MAX_OFFSETS - MAX_POLL_RECORDS;

  private final KafkaConsumer<String, byte[]> consumer;
  private final KafkaProducer<String, WorkerResponse> producer;
  private final ModelProvider provider;
  private final String responsesTopic;
  private final int concurrency;
  private final Thread thread;

  // the loop thread's own state
  private final Map<TopicPartition, PartitionProgress> progress = new HashMap<>();
  private final ArrayDeque<Fetched> backlog = new ArrayDeque<>();
  private int inFlight;
  private final LinkedBlockingQueue<Answered> answers = new LinkedBlockingQueue<>();

  private final AtomicLong answeredCount = new AtomicLong();
  private final AtomicLong errorCount = new AtomicLong();
  private final AtomicLong skippedCount = new AtomicLong();
  private volatile boolean stopping;
  private volatile long drainDeadlineNanos;
  private volatile boolean crashed;
  private volatile Runnable beforeCommit = () -> {};

  private record Fetched(PartitionProgress owner, ConsumerRecord<String, byte[]> record) {}

  private record Answered(PartitionProgress owner, long offset, String key, WorkerResponse answer) {}

  public LlmWorker(WorkerKafka kafka, ModelProvider provider, int concurrency) {
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency: must be at least 1, got " + concurrency);
    }
    this.provider = provider;
    this.responsesTopic = kafka.responsesTopic();
    this.concurrency = concurrency;
    Properties c = new Properties();
    c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    c.put(ConsumerConfig.GROUP_ID_CONFIG, kafka.groupId());
    c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, MAX_POLL_RECORDS);
    // cooperative: a rebalance revokes only the partitions that move, so a worker joining or leaving
    // does not throw away (and later repeat) the model calls in flight on every other partition
    c.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
    consumer = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer());
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, kafka.groupId() + "-" + kafka.instanceId());
    p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    p.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) TRANSACTION_TIMEOUT.toMillis());
    producer = new KafkaProducer<>(p, new StringSerializer(), JsonSerde.of(WorkerResponse.class).serializer());
    producer.initTransactions();
    consumer.subscribe(List.of(kafka.requestsTopic()), new Rebalance());
    thread = new Thread(this, "llm-worker-" + provider.name());
    thread.setDaemon(true);
  }

  /** Starts answering on a thread of its own. */
  public LlmWorker start() {
    thread.start();
    LOG.info("worker started: provider={} concurrency={}", provider.name(), concurrency);
    return this;
  }

  /** Answers (errors included) committed to the response topic by this worker. */
  public long answered() {
    return answeredCount.get();
  }

  /** Committed answers that carry a worker error. */
  public long errors() {
    return errorCount.get();
  }

  /** Requests not sent to the model because an earlier owner had already committed their answer. */
  public long skippedAlreadyAnswered() {
    return skippedCount.get();
  }

  /** Fault injection for tests: runs inside each transaction after its answers and offsets are sent. */
  void beforeCommit(Runnable hook) {
    beforeCommit = hook;
  }

  @Override
  public void run() {
    try {
      while (!stopping || (inFlight > 0 && System.nanoTime() < drainDeadlineNanos)) {
        // with every slot taken nothing can start before an answer arrives: wait on the answers, not
        // on the broker, so a freed slot is refilled at once (poll(0) still fetches and rebalances)
        boolean saturated = inFlight >= concurrency || (stopping && inFlight > 0);
        var records = consumer.poll(saturated ? Duration.ZERO : Duration.ofMillis(inFlight > 0 ? 10 : 100));
        for (ConsumerRecord<String, byte[]> r : records) {
          accept(r);
        }
        if (saturated) {
          awaitAnswer();
        }
        collectAnswers();
        if (!stopping) {
          dispatch();
          collectAnswers(); // a provider that answers at once (echo) is committed in this same round
        }
        commitProgress();
        pauseWhenFull();
      }
    } catch (RuntimeException e) {
      // a fatal Kafka error (fenced, unauthorised) or an injected crash: stop without committing more,
      // the next owner of the partitions resumes from the last committed transaction
      crashed = true;
      LOG.error("worker stopped: {}", e.toString());
    }
  }

  private void awaitAnswer() {
    try {
      Answered first = answers.poll(50, TimeUnit.MILLISECONDS);
      if (first != null) {
        answers.add(first); // collectAnswers takes it with the rest; order among answers does not matter
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopping = true;
    }
  }

  private void accept(ConsumerRecord<String, byte[]> record) {
    PartitionProgress owner = progress.get(new TopicPartition(record.topic(), record.partition()));
    if (owner == null) {
      return; // revoked in this same poll
    }
    if (owner.fetched(record.offset())) {
      backlog.add(new Fetched(owner, record));
    } else {
      skippedCount.incrementAndGet();
    }
  }

  private void dispatch() {
    while (inFlight < concurrency && !backlog.isEmpty()) {
      Fetched f = backlog.poll();
      if (progress.get(f.owner().partition()) != f.owner()) {
        continue; // its partition moved to another worker
      }
      inFlight++;
      ConsumerRecord<String, byte[]> r = f.record();
      WorkerRequest request = parse(r);
      CompletableFuture<WorkerResponse> call;
      if (request == null) {
        call = CompletableFuture.completedFuture(error(r.key(), null, "worker_bad_request", "the worker request is not valid JSON"));
      } else {
        try {
          call = provider.answer(request);
        } catch (RuntimeException e) {
          call = CompletableFuture.failedFuture(e);
        }
      }
      call.handle((answer, failure) -> answer != null ? answer
              : error(r.key(), request == null ? null : request.model(), "worker_internal", "the worker failed: " + failure))
          .thenAccept(answer -> answers.add(new Answered(f.owner(), r.offset(), r.key(), answer)));
    }
  }

  private static WorkerRequest parse(ConsumerRecord<String, byte[]> r) {
    if (r.value() == null) {
      return null;
    }
    try {
      return Json.fromBytes(r.value(), WorkerRequest.class);
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static WorkerResponse error(String requestId, String model, String code, String message) {
    return new WorkerResponse(requestId, model, null, null, null, new WorkerError(code, message), System.currentTimeMillis());
  }

  private void collectAnswers() {
    Answered a;
    while ((a = answers.poll()) != null) {
      inFlight--;
      if (progress.get(a.owner().partition()) != a.owner()) {
        continue; // its partition moved to another worker, which answers it again
      }
      // a record without a key has no request id and so no caller: settle its offset, answer nobody
      a.owner().answered(a.offset(), a.key() == null ? null : new ProducerRecord<>(responsesTopic, a.key(), a.answer()));
    }
  }

  private void commitProgress() {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    List<ProducerRecord<String, WorkerResponse>> toProduce = new ArrayList<>();
    for (PartitionProgress p : progress.values()) {
      OffsetAndMetadata commit = p.pendingCommit();
      if (commit != null) {
        offsets.put(p.partition(), commit);
        toProduce.addAll(p.unproduced());
      }
    }
    if (offsets.isEmpty()) {
      return;
    }
    producer.beginTransaction();
    try {
      for (ProducerRecord<String, WorkerResponse> answer : toProduce) {
        if (answer != null) {
          producer.send(answer);
        }
      }
      producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
      beforeCommit.run();
      producer.commitTransaction();
    } catch (ProducerFencedException | FencedInstanceIdException | OutOfOrderSequenceException
        | AuthorizationException | UnsupportedVersionException e) {
      throw e;
    } catch (KafkaException e) {
      // e.g. the group rebalanced under us: nothing of this transaction is visible; the answers stay
      // with their partitions and go into the next transaction (or are dropped with a revoked partition)
      LOG.warn("answer transaction aborted, retrying: {}", e.toString());
      producer.abortTransaction();
      return;
    }
    offsets.forEach((tp, commit) -> progress.get(tp).committed(commit));
    for (ProducerRecord<String, WorkerResponse> answer : toProduce) {
      if (answer != null) {
        answeredCount.incrementAndGet();
        if (answer.value().error() != null) {
          errorCount.incrementAndGet();
        }
      }
    }
  }

  /** Bounds memory and offset metadata: stop fetching while the backlog or a partition is full. */
  private void pauseWhenFull() {
    boolean backlogFull = stopping || backlog.size() >= concurrency;
    Set<TopicPartition> pause = new HashSet<>();
    Set<TopicPartition> resume = new HashSet<>();
    for (PartitionProgress p : progress.values()) {
      boolean full = backlogFull || p.uncommitted() >= PAUSE_AT_UNCOMMITTED;
      (full ? pause : resume).add(p.partition());
    }
    consumer.pause(pause);
    consumer.resume(resume);
  }

  /** Rebalance callbacks run on the loop thread, inside {@code poll}. */
  private final class Rebalance implements ConsumerRebalanceListener {

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      // settle what is answered while the group generation still lets this worker commit
      collectAnswers();
      commitProgress();
      partitions.forEach(progress::remove);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      partitions.forEach(progress::remove);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      Map<TopicPartition, OffsetAndMetadata> committed = stableCommits(new HashSet<>(partitions));
      for (TopicPartition tp : partitions) {
        progress.put(tp, new PartitionProgress(tp, committed.get(tp)));
      }
    }
  }

  /**
   * The partitions' committed offsets once no transaction that commits them is open. A read_committed
   * consumer asks for stable offsets, so a transaction a crashed worker left open makes the broker
   * wait until it is aborted: at once when the worker restarts with its instance id, else after
   * {@link #TRANSACTION_TIMEOUT} and the broker's sweep. Waiting is right: the open transaction may
   * yet say which requests were answered.
   */
  private Map<TopicPartition, OffsetAndMetadata> stableCommits(Set<TopicPartition> partitions) {
    for (int attempt = 1; ; attempt++) {
      try {
        return consumer.committed(partitions, Duration.ofSeconds(30));
      } catch (TimeoutException e) {
        if (attempt == 4) {
          throw e;
        }
        LOG.warn("committed offsets not yet stable (an open transaction of a dead worker?), waiting: {}", partitions);
      }
    }
  }

  /** Stops fetching, lets calls in flight finish for up to 10 seconds, commits them, and closes. */
  @Override
  public void close() {
    close(Duration.ofSeconds(10));
  }

  /**
   * Stops fetching, lets calls in flight finish for up to {@code drain}, commits what is answered,
   * and closes. {@code Duration.ZERO} abandons calls in flight as a killed process would: the next
   * owner of their partitions sends them to the model again.
   */
  public void close(Duration drain) {
    drainDeadlineNanos = System.nanoTime() + drain.toNanos();
    stopping = true;
    try {
      thread.join(drain.toMillis() + 15_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (crashed || drain.isZero()) {
      progress.clear(); // closing the consumer revokes its partitions: commit nothing more on the way out
    }
    consumer.close();
    // after a crash mid-transaction, do not abort: leave it as a dead process would
    producer.close(crashed ? Duration.ZERO : Duration.ofSeconds(5));
    provider.close();
  }
}
