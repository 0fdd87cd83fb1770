package io.guardstream.anomaly;

import io.guardstream.messages.Alert;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Counts authentication failures per source in tumbling windows (after a repartition by source, so
 * counts are exact) and forwards the rule's alert, keyed by alert id, once per source and window.
 */
public final class AuthFailureBurstProcessor implements Processor<String, AuthFailure, String, Alert> {

  private final String storeName;
  private final AuthFailureBurstRule rule;
  private final Supplier<List<Alert>> credentialAlerts;
  private ProcessorContext<String, Alert> context;
  private WindowStore<String, Long> counts;

  /** @param credentialAlerts alerts raised outside any record (a JWKS or introspection outage), collected each second */
  public AuthFailureBurstProcessor(String storeName, AuthFailureBurstRule rule, Supplier<List<Alert>> credentialAlerts) {
    this.storeName = storeName;
    this.rule = rule;
    this.credentialAlerts = credentialAlerts;
  }

  @Override
  public void init(ProcessorContext<String, Alert> context) {
    this.context = context;
    this.counts = context.getStateStore(storeName);
    context.schedule(Duration.ofSeconds(1), PunctuationType.WALL_CLOCK_TIME, now -> {
      for (Alert alert : credentialAlerts.get()) {
        context.forward(new Record<>(alert.alertId(), alert, now));
      }
    });
  }

  @Override
  public void process(Record<String, AuthFailure> record) {
    AuthFailure failure = record.value();
    long windowStart = rule.windowStart(failure.at());
    Long previous = counts.fetch(record.key(), windowStart);
    long count = (previous == null ? 0 : previous) + 1;
    counts.put(record.key(), count, windowStart);
    Alert alert = rule.onFailure(failure, count, context.currentSystemTimeMs());
    if (alert != null) {
      context.forward(new Record<>(alert.alertId(), alert, record.timestamp()));
    }
  }
}
