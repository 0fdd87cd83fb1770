package io.guardstream.ratelimit;

import io.guardstream.audit.AuditEventBuilder;
import io.guardstream.messages.KeyUsage;
import io.guardstream.messages.RateLimitState;
import io.guardstream.messages.RequestContext;
import io.guardstream.messages.WorkerRequest;
import io.guardstream.respond.Responses;
import io.guardstream.topology.Admitted;
import io.guardstream.topology.Outcome;
import io.guardstream.topology.Verdict;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Stage 4: per-principal requests-per-minute limit. Runs after the repartition by principal, so one
 * task owns each principal's counter and the count is exact under exactly-once. Admitted requests
 * become worker requests carrying the rate-limit state for their response headers; the others stop
 * with 429.
 */
public final class RateLimitProcessor implements FixedKeyProcessor<String, Admitted, Verdict<WorkerRequest>> {

  public static final String STAGE = "rate_limit";

  private final String storeName;
  private final String usageStoreName;
  private final int defaultRequestsPerMinute;
  private FixedKeyProcessorContext<String, Verdict<WorkerRequest>> context;
  private WindowStore<String, Long> counts;
  private KeyValueStore<String, KeyUsage> usage;

  public RateLimitProcessor(String storeName, String usageStoreName, int defaultRequestsPerMinute) {
    this.storeName = storeName;
    this.usageStoreName = usageStoreName;
    this.defaultRequestsPerMinute = defaultRequestsPerMinute;
  }

  @Override
  public void init(FixedKeyProcessorContext<String, Verdict<WorkerRequest>> context) {
    this.context = context;
    this.counts = context.getStateStore(storeName);
    this.usage = context.getStateStore(usageStoreName);
  }

  @Override
  public void process(FixedKeyRecord<String, Admitted> record) {
    Admitted admitted = record.value();
    String principal = record.key();
    long now = record.timestamp();
    long limit = admitted.requestsPerMinute() != null ? admitted.requestsPerMinute() : defaultRequestsPerMinute;
    long bucket = SlidingWindowLimiter.bucketOf(now);

    long used = 0;
    long oldest = -1;
    long inCurrentBucket = 0;
    try (WindowStoreIterator<Long> it = counts.fetch(principal, SlidingWindowLimiter.windowStart(now), bucket)) {
      while (it.hasNext()) {
        KeyValue<Long, Long> entry = it.next();
        used += entry.value;
        if (oldest < 0) {
          oldest = entry.key;
        }
        if (entry.key == bucket) {
          inCurrentBucket = entry.value;
        }
      }
    }
    var decision = SlidingWindowLimiter.decide(limit, now, used, oldest);
    var state = new RateLimitState(decision.limit(), decision.remaining(), decision.resetMs());
    recordUsage(admitted.context().keyId(), decision.allowed(), now);
    if (decision.allowed()) {
      counts.put(principal, inCurrentBucket + 1, bucket);
      context.forward(record.withValue(Verdict.pass(toWorker(admitted, state, now))));
    } else {
      context.forward(record.withValue(Verdict.stop(rejected(admitted, state))));
    }
  }

  /**
   * Per-key usage for {@code keys show}. Keys of one principal all land in this task (the stream is
   * keyed by principal), so the count is exact; the store is cached, so a busy key costs one
   * changelog write per commit rather than one per request.
   */
  private void recordUsage(String keyId, boolean admitted, long at) {
    if (keyId == null) {
      return;
    }
    KeyUsage before = usage.get(keyId);
    usage.put(keyId, (before == null ? KeyUsage.none(keyId) : before).plus(admitted, at));
  }

  private static WorkerRequest toWorker(Admitted admitted, RateLimitState state, long acceptedAt) {
    RequestContext c = admitted.context();
    var context = new RequestContext(c.principal(), c.tenant(), c.keyId(), c.source(), c.receivedAt(), acceptedAt,
        state, c.inspection(), c.policyVersion(), c.detectors(), c.maskVault());
    var r = admitted.request();
    return new WorkerRequest(admitted.requestId(), r.model(), r.messages(), r.maxTokens(), r.temperature(), r.topP(),
        r.user(), context);
  }

  private Outcome rejected(Admitted admitted, RateLimitState state) {
    String reason = "rate limit of " + state.limitRequests() + " requests per minute reached; retry in "
        + Math.max(1, (state.resetRequestsMs() + 999) / 1000) + " s";
    var audit =
        AuditEventBuilder.forRequest(admitted.requestId())
            .decision("rejected", 429, "rate_limit_exceeded", STAGE)
            .reasons(List.of(reason))
            .context(admitted.context())
            .model(admitted.request().model())
            .policyVersion(admitted.context().policyVersion())
            .build(context.currentSystemTimeMs());
    return new Outcome(admitted.requestId(), Responses.error(admitted.requestId(), 429, "rate_limit_exceeded", reason),
        state, audit, null, null);
  }
}
