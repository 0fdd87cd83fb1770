package io.guardstream.respond;

import io.guardstream.audit.AuditEventBuilder;
import io.guardstream.messages.RequestContext;
import io.guardstream.messages.Usage;
import io.guardstream.messages.WorkerResponse;
import io.guardstream.ratelimit.Settlement;
import io.guardstream.topology.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Stage 7: joins each worker answer with its pending request (the {@code pending-requests} store,
 * fed by the worker-request topic itself, so no extra topic hop), filters it and decides the caller's
 * response. Requests whose answer does not come within the timeout get a 504 from a wall-clock
 * punctuation. Answers that arrive before their request (the two topics are read independently) wait
 * in the store; duplicate or orphan answers expire there without a second response.
 */
public final class ResponseProcessor implements Processor<String, ResponsePathEvent, String, Outcome> {

  public static final String STAGE = "respond";

  private final String storeName;
  private final OutputFilter filter;
  private final long timeoutMs;
  private ProcessorContext<String, Outcome> context;
  private KeyValueStore<String, PendingRequest> pending;
  /**
   * When each entry of the store was written, oldest first: expiry reads the store only for what
   * expires instead of reading (and parsing) every pending entry on every punctuation. This processor
   * is the store's only writer; the index is rebuilt from the store whenever the task (re)starts.
   */
  private LinkedHashMap<String, Long> writtenAt;

  public ResponseProcessor(String storeName, OutputFilter filter, long timeoutMs) {
    this.storeName = storeName;
    this.filter = filter;
    this.timeoutMs = timeoutMs;
  }

  @Override
  public void init(ProcessorContext<String, Outcome> context) {
    this.context = context;
    this.pending = context.getStateStore(storeName);
    this.writtenAt = new LinkedHashMap<>();
    List<KeyValue<String, Long>> restored = new ArrayList<>();
    try (KeyValueIterator<String, PendingRequest> it = pending.all()) {
      it.forEachRemaining(e -> restored.add(KeyValue.pair(e.key, e.value.since())));
    }
    restored.sort(Comparator.comparingLong(e -> e.value));
    restored.forEach(e -> writtenAt.put(e.key, e.value));
    long interval = Math.max(100, Math.min(1000, timeoutMs / 4));
    context.schedule(Duration.ofMillis(interval), PunctuationType.WALL_CLOCK_TIME, this::expire);
  }

  @Override
  public void process(Record<String, ResponsePathEvent> record) {
    String requestId = record.key();
    PendingRequest entry = pending.get(requestId);
    ResponsePathEvent event = record.value();
    if (event.sent() != null) {
      SentRequest sent = event.sent();
      if (entry != null && entry.earlyAnswer() != null) {
        remove(requestId);
        emit(record, requestId, sent.context(), sent.model(), entry.earlyAnswer());
      } else {
        write(requestId, new PendingRequest(sent.context(), sent.model(), null, context.currentSystemTimeMs()));
      }
    } else if (entry != null && entry.context() != null) {
      remove(requestId);
      emit(record, requestId, entry.context(), entry.model(), event.answered());
    } else if (entry == null) {
      write(requestId, new PendingRequest(null, null, event.answered(), context.currentSystemTimeMs()));
    }
    // else: a second answer to a request not yet seen; the first one is kept
  }

  private void emit(Record<String, ResponsePathEvent> record, String requestId, RequestContext ctx, String model, WorkerResponse answer) {
    long now = context.currentSystemTimeMs();
    Outcome outcome;
    OutputFilter.Filtered filtered =
        answer.error() != null ? null : filter.filter(answer.content(), ctx.tenant(), ctx.maskVault(), requestId);
    if (answer.error() != null) {
      String reason = "the model worker failed: " + answer.error().code();
      var audit = audit(requestId, ctx, model, "error", 502, "worker_error", reason)
          .answered(answer.answeredAt(), null, answer.usage())
          .build(now);
      outcome = new Outcome(requestId, Responses.error(requestId, 502, "worker_error", reason), ctx.rateLimit(), audit, null, null,
          settlement(requestId, ctx, model, answer.usage()));
    } else if (filtered.systemPromptLeak()) {
      String reason = "the answer repeated this request's canary token: system prompt leakage";
      var audit = audit(requestId, ctx, model, "rejected", 400, "system_prompt_leak", reason)
          .answered(answer.answeredAt(), null, answer.usage())
          .build(now);
      // the model did the work: its tokens are charged like any other answer's
      outcome = new Outcome(requestId, Responses.error(requestId, 400, "system_prompt_leak", reason), ctx.rateLimit(), audit, null, null,
          settlement(requestId, ctx, model, answer.usage()));
    } else {
      List<String> reasons = filtered.piiCounts().isEmpty() ? List.of() : List.of("PII masked in the answer");
      var audit = audit(requestId, ctx, model, "allowed", 200, null, null)
          .reasons(reasons)
          .answered(answer.answeredAt(), filtered.piiCounts(), answer.usage())
          .build(now);
      var response = Responses.completion(requestId, answer.model() != null ? answer.model() : model, filtered.content(),
          answer.finishReason(), answer.usage(), now / 1000);
      outcome = new Outcome(requestId, response, ctx.rateLimit(), audit, null, null,
          settlement(requestId, ctx, model, answer.usage()));
    }
    context.forward(new Record<>(requestId, outcome, record.timestamp()));
  }

  private void write(String requestId, PendingRequest entry) {
    pending.put(requestId, entry);
    writtenAt.remove(requestId); // re-inserted at the end: the index stays in write order
    writtenAt.put(requestId, entry.since());
  }

  private void remove(String requestId) {
    pending.put(requestId, null); // a delete that does not read (and parse) the old value back
    writtenAt.remove(requestId);
  }

  /**
   * Entries are indexed in write order with the wall-clock time of the write, so the oldest come
   * first; should the clock step back, an entry written after the step expires that much later.
   */
  private void expire(long now) {
    List<String> due = new ArrayList<>();
    for (Map.Entry<String, Long> oldest : writtenAt.entrySet()) {
      if (now - oldest.getValue() < timeoutMs) {
        break;
      }
      due.add(oldest.getKey());
    }
    for (String requestId : due) {
      PendingRequest entry = pending.get(requestId);
      remove(requestId);
      RequestContext ctx = entry == null ? null : entry.context();
      if (ctx == null) {
        continue; // an orphan answer: its request never came, there is no caller to answer
      }
      String reason = "no answer from the model worker within " + timeoutMs + " ms";
      var audit = audit(requestId, ctx, entry.model(), "timeout", 504, "worker_timeout", reason).build(now);
      var outcome = new Outcome(requestId, Responses.error(requestId, 504, "worker_timeout", reason), ctx.rateLimit(), audit, null, null,
          settlement(requestId, ctx, entry.model(), null));
      context.forward(new Record<>(requestId, outcome, now));
    }
  }

  /** The usage to settle a reservation with (none: released); null when nothing was reserved. */
  private static Settlement settlement(String requestId, RequestContext ctx, String model, Usage usage) {
    var reservation = ctx.rateLimit() == null ? null : ctx.rateLimit().reservation();
    return reservation == null ? null : new Settlement(requestId, ctx.principal(), ctx.tenant(), model, reservation, usage);
  }

  private static AuditEventBuilder audit(String requestId, RequestContext ctx, String model, String decision, int status, String code, String reason) {
    return AuditEventBuilder.forRequest(requestId)
        .decision(decision, status, code, STAGE)
        .reasons(reason == null ? List.of() : List.of(reason))
        .context(ctx)
        .model(model)
        .policyVersion(ctx.policyVersion());
  }
}
