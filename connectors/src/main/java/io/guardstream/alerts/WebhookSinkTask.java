package io.guardstream.alerts;

import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts each alert, in partition order, and hands every alert it cannot deliver to the worker's
 * errant-record reporter, so {@code errors.tolerance} and {@code errors.deadletterqueue.topic.name}
 * decide its fate: with {@code errors.tolerance=none} (Connect's default) the task fails rather than
 * skip an alert. The worker commits an offset only after {@link #put} returned for it and its report
 * was written, so delivery is at least once; receivers drop repeats by {@code X-Guardstream-Alert-Id}.
 */
public final class WebhookSinkTask extends SinkTask {

  private static final Logger LOG = LoggerFactory.getLogger(WebhookSinkTask.class);

  private WebhookFormat format;
  private WebhookPoster poster;
  private ErrantRecordReporter reporter;
  private long batchBudgetNanos;
  // per partition, the first alert a cut-short batch handed back: no offset past it may be committed
  private final Map<TopicPartition, Long> handedBack = new HashMap<>();

  @Override
  public String version() {
    return WebhookSinkConnector.VERSION;
  }

  @Override
  public void start(Map<String, String> props) {
    WebhookSinkConfig config = new WebhookSinkConfig(props);
    format = config.format();
    poster = new WebhookPoster(config.url(), config.signature(), config.timeout(), config.retries(), Clock.systemUTC());
    reporter = errantRecordReporter();
    batchBudgetNanos = config.batchBudget().toNanos();
    LOG.info("alert webhook task started: {} format to {}, errant-record reporter {}",
        format.configValue(), WebhookSinkConfig.redacted(config.url()), reporter == null ? "unavailable" : "available");
  }

  /**
   * Delivers the batch in order until its time budget is spent; the rest is handed back (the consumer
   * rewinds to it) rather than held, so one slow receiver never keeps the task from polling. The budget
   * is checked between alerts: one alert's own retries may run past it, bounded by the retry settings.
   */
  @Override
  public void put(Collection<SinkRecord> records) {
    long started = System.nanoTime();
    boolean progressed = false; // at least one alert per batch, or a zero budget would never move
    Map<TopicPartition, Long> rewind = new HashMap<>();
    for (SinkRecord record : records) {
      TopicPartition partition = new TopicPartition(record.originalTopic(), record.originalKafkaPartition());
      if (rewind.containsKey(partition)) {
        continue;
      }
      if (progressed && System.nanoTime() - started >= batchBudgetNanos) {
        rewind.put(partition, record.originalKafkaOffset());
        continue;
      }
      deliver(record);
      progressed = true;
      handedBack.remove(partition);
    }
    if (!rewind.isEmpty()) {
      LOG.debug("batch budget spent: handing back {} partition(s) from {}", rewind.size(), rewind);
      handedBack.putAll(rewind);
      context.offset(rewind);
    }
  }

  private void deliver(SinkRecord record) {
    AlertPayload payload;
    try {
      payload = AlertPayload.of(record.value());
    } catch (AlertPayload.InvalidAlert e) {
      reportErrant(record, new DataException(e.getMessage()));
      return;
    }
    byte[] body = format.body(payload.alert(), payload.json());
    WebhookPoster.Outcome outcome = poster.post(payload.alert().alertId(), body);
    if (outcome instanceof WebhookPoster.Outcome.Failed failed) {
      reportErrant(record, new ConnectException("webhook delivery failed after " + failed.attempts() + " attempt(s): " + failed.reason()));
    } else if (outcome instanceof WebhookPoster.Outcome.Abandoned) {
      // stopping mid-batch: no offset of this batch is committed, the next owner redelivers it
      throw new RetriableException("task stopping before alert " + payload.alert().alertId() + " was delivered");
    }
  }

  /** The worker may commit between a cut-short batch and the rewind: never past an alert handed back. */
  @Override
  public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
    if (handedBack.isEmpty()) {
      return currentOffsets;
    }
    Map<TopicPartition, OffsetAndMetadata> safe = new HashMap<>(currentOffsets);
    handedBack.forEach((partition, offset) -> safe.computeIfPresent(partition, (p, current) ->
        current.offset() > offset ? new OffsetAndMetadata(offset) : current));
    return safe;
  }

  @Override
  public void close(Collection<TopicPartition> partitions) {
    partitions.forEach(handedBack::remove);
  }

  private void reportErrant(SinkRecord record, Exception error) {
    if (reporter == null) {
      // Connect gives no reporter under errors.tolerance=none without a DLQ (or before Kafka 2.6):
      // failing the task is then the only way not to drop the alert silently
      throw new ConnectException("cannot deliver alert at " + record.topic() + "-" + record.kafkaPartition()
          + "@" + record.kafkaOffset() + " and no errant-record reporter is configured", error);
    }
    LOG.warn("alert at {}-{}@{} sent to the errant-record reporter: {}",
        record.topic(), record.kafkaPartition(), record.kafkaOffset(), error.getMessage());
    // with errors.tolerance=none this throws, failing the task: the worker's policy, not ours
    reporter.report(record, error);
  }

  private ErrantRecordReporter errantRecordReporter() {
    try {
      return context.errantRecordReporter();
    } catch (NoSuchMethodError | NoClassDefFoundError e) {
      return null; // a worker older than Kafka 2.6 (KIP-610)
    }
  }

  @Override
  public void stop() {
    if (poster != null) {
      poster.close();
    }
  }
}
