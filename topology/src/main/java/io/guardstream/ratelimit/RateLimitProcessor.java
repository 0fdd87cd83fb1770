package io.guardstream.ratelimit;

import io.guardstream.audit.AuditEventBuilder;
import io.guardstream.messages.ChatRequest;
import io.guardstream.messages.KeyUsage;
import io.guardstream.messages.Quota;
import io.guardstream.messages.RateLimitState;
import io.guardstream.messages.RequestContext;
import io.guardstream.messages.Reservation;
import io.guardstream.messages.WorkerRequest;
import io.guardstream.respond.Responses;
import io.guardstream.topology.Admitted;
import io.guardstream.topology.Outcome;
import io.guardstream.topology.Verdict;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Stage 4: per-principal requests per minute, tokens per minute, tokens per day and spend per day and
 * month. Runs after the repartition by principal, so one task owns each principal's counters and the
 * counts are exact under exactly-once. A request with a token or spend limit reserves its worst case
 * (prompt tokens plus its {@code max_tokens}, priced) in every window before it is admitted, so
 * concurrent requests can never overshoot a budget; {@link SettlementProcessor} later replaces the
 * reservation with the worker's actual usage. Admitted requests become worker requests carrying the
 * rate-limit state for their response headers; the others stop with 429.
 */
public final class RateLimitProcessor implements FixedKeyProcessor<String, Admitted, Verdict<WorkerRequest>> {

  public static final String STAGE = "rate_limit";

  private final LimitStores.Names stores;
  private final Supplier<LimitPolicy> limits;
  private final TokenEstimator tokenizer;
  private FixedKeyProcessorContext<String, Verdict<WorkerRequest>> context;
  private LimitStores state;
  private KeyValueStore<String, KeyUsage> usage;

  /** @param limits the policy in force, read once per record (it may change while the pipeline runs) */
  public RateLimitProcessor(LimitStores.Names stores, Supplier<LimitPolicy> limits, TokenEstimator tokenizer) {
    this.stores = stores;
    this.limits = limits;
    this.tokenizer = tokenizer;
  }

  @Override
  public void init(FixedKeyProcessorContext<String, Verdict<WorkerRequest>> context) {
    this.context = context;
    this.state = LimitStores.open(context::getStateStore, stores);
    this.usage = context.getStateStore(stores.usage());
  }

  @Override
  public void process(FixedKeyRecord<String, Admitted> record) {
    Admitted admitted = record.value();
    LimitPolicy policy = limits.get();
    String principal = admitted.context().principal();
    String tenant = admitted.context().tenant();
    LimitPolicy.TenantLimits totals = policy.totals(tenant);
    var requests = state.requests(principal, record.timestamp(), context.currentSystemTimeMs(), policy.maxFutureMs(),
        policy.requestsPerMinute(admitted.requestsPerMinute(), tenant));
    long now = requests.now();
    LimitStores.Check ofTenant = null;
    if (requests.allowed() && totals != null && totals.totalRequestsPerMinute() != null) {
      ofTenant = state.requests(LimitPolicy.tenantKey(tenant), now, now, 0, totals.totalRequestsPerMinute());
      if (!ofTenant.allowed()) {
        stop(record, admitted, requests.state(), 429, "rate_limit_exceeded", "tenant " + tenant + "'s limit of "
            + totals.totalRequestsPerMinute() + " requests per minute for all its principals together reached");
        return;
      }
    }
    Quota quota = policy.quota(admitted.quota(), tenant);
    Quota tenantQuota = totals == null || totals.totalQuota() == null ? Quota.NONE : totals.totalQuota();
    if (!requests.allowed() || (!quota.limitsTokens() && !tenantQuota.limitsTokens())) {
      finish(record, admitted, requests, ofTenant, null, null, null);
      return;
    }
    ChatRequest r = admitted.request();
    long promptTokens = tokenizer.promptTokens(r.model(), r.messages());
    long completionTokens = r.maxTokens() != null ? r.maxTokens() : policy.defaultCompletionTokens();
    Optional<PriceTable.Price> price = policy.prices().of(r.model());
    if (price.isEmpty() && (spends(quota) || spends(tenantQuota))) {
      stop(record, admitted, requests.state(), 403, "model_not_priced", "model " + r.model()
          + " has no price in this deployment's price table, so a spend budget cannot admit it");
      return;
    }
    var reservation = new Reservation(promptTokens, completionTokens,
        price.map(p -> p.cost(promptTokens, completionTokens)).orElse(0L), now);
    var budget = state.budget(principal, now, quota, reservation);
    LimitStores.BudgetCheck tenantBudget = null;
    if (budget.allowed() && tenantQuota.limitsTokens()) {
      tenantBudget = state.budget(LimitPolicy.tenantKey(tenant), now, tenantQuota, reservation);
      if (!tenantBudget.allowed()) {
        String why = tenantBudget.overBudget() != null ? tenantBudget.overBudget() : tenantBudget.tokenReason();
        stop(record, admitted, requests.state(), 429, tenantBudget.overBudget() != null ? "budget_exceeded"
            : "rate_limit_exceeded", "tenant " + tenant + " (all its principals together): " + why);
        return;
      }
    }
    finish(record, admitted, requests, ofTenant, budget, tenantBudget, reservation);
  }

  private static boolean spends(Quota quota) {
    return quota.usdPerDay() != null || quota.usdPerMonth() != null;
  }

  /**
   * @param ofTenant the tenant's own requests check, or null when it has no request total
   * @param tenantBudget the tenant's token and spend check, or null when it has no such totals
   */
  private void finish(FixedKeyRecord<String, Admitted> record, Admitted admitted, LimitStores.Check requests,
      LimitStores.Check ofTenant, LimitStores.BudgetCheck budget, LimitStores.BudgetCheck tenantBudget,
      Reservation reservation) {
    long now = requests.now();
    RateLimitState limits = budget == null ? requests.state() : budget.headers(requests.state(), reservation);
    boolean allowed = requests.allowed() && (budget == null || budget.allowed());
    recordUsage(admitted.context().keyId(), allowed, now);
    if (!allowed) {
      Outcome rejected = budget != null && budget.overBudget() != null
          ? rejected(admitted, limits, "budget_exceeded", budget.overBudget())
          : rejected(admitted, limits, "rate_limit_exceeded",
              budget != null && budget.tokenReason() != null ? budget.tokenReason() : requestReason(limits));
      context.forward(record.withValue(Verdict.stop(rejected)));
      return;
    }
    state.countRequest(admitted.context().principal(), requests);
    if (ofTenant != null) {
      state.countRequest(LimitPolicy.tenantKey(admitted.context().tenant()), ofTenant);
    }
    if (reservation != null) {
      state.reserve(admitted.context().principal(), reservation, budget);
      if (tenantBudget != null) {
        state.reserve(LimitPolicy.tenantKey(admitted.context().tenant()), reservation, tenantBudget);
      }
    }
    context.forward(record.withValue(Verdict.pass(toWorker(admitted, limits, reservation, now))));
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

  private static WorkerRequest toWorker(Admitted admitted, RateLimitState state, Reservation reservation, long acceptedAt) {
    RequestContext c = admitted.context();
    var context = new RequestContext(c.principal(), c.tenant(), c.keyId(), c.source(), c.receivedAt(), acceptedAt,
        state, c.inspection(), c.policyVersion(), c.detectors(), c.maskVault());
    var r = admitted.request();
    // without max_tokens the model could answer at any length: cap it at what was reserved
    Integer maxTokens = r.maxTokens();
    if (maxTokens == null && reservation != null) {
      maxTokens = Math.toIntExact(reservation.completionTokens());
    }
    return new WorkerRequest(admitted.requestId(), r.model(), r.messages(), maxTokens, r.temperature(), r.topP(),
        r.user(), context);
  }

  private static String requestReason(RateLimitState state) {
    return "rate limit of " + state.limitRequests() + " requests per minute reached; retry in "
        + Math.max(1, (state.resetRequestsMs() + 999) / 1000) + " s";
  }

  private void stop(FixedKeyRecord<String, Admitted> record, Admitted admitted, RateLimitState state, int status,
      String code, String reason) {
    recordUsage(admitted.context().keyId(), false, record.timestamp());
    context.forward(record.withValue(Verdict.stop(outcome(admitted, state, status, code, reason))));
  }

  private Outcome rejected(Admitted admitted, RateLimitState state, String code, String reason) {
    return outcome(admitted, state, 429, code, reason);
  }

  private Outcome outcome(Admitted admitted, RateLimitState state, int status, String code, String reason) {
    var audit =
        AuditEventBuilder.forRequest(admitted.requestId())
            .decision("rejected", status, code, STAGE)
            .reasons(List.of(reason))
            .context(admitted.context())
            .model(admitted.request().model())
            .policyVersion(admitted.context().policyVersion())
            .build(context.currentSystemTimeMs());
    return new Outcome(admitted.requestId(), Responses.error(admitted.requestId(), status, code, reason),
        state, audit, null, null);
  }
}
