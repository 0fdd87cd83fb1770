package io.guardstream.ratelimit;

import io.guardstream.messages.Reservation;
import io.guardstream.messages.Usage;
import java.util.function.Supplier;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Replaces a reservation with what the request actually used, in the principal's own task (the
 * settlements are repartitioned by principal like the requests, so the same task owns both): the
 * difference between the worker's reported tokens, priced, and the reserved worst case is refunded
 * to (or, if the worker went over, charged to) the windows the reservation was counted in. A request
 * that got no answer within the worker timeout has its reservation released in full.
 */
public final class SettlementProcessor implements Processor<String, Settlement, Void, Void> {

  private final LimitStores.Names stores;
  private final Supplier<LimitPolicy> limits;
  private LimitStores state;

  public SettlementProcessor(LimitStores.Names stores, Supplier<LimitPolicy> limits) {
    this.stores = stores;
    this.limits = limits;
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    this.state = LimitStores.open(context::getStateStore, stores);
  }

  @Override
  public void process(Record<String, Settlement> record) {
    Settlement s = record.value();
    Reservation reserved = s.reservation();
    if (reserved == null) {
      return;
    }
    Usage usage = s.usage();
    LimitPolicy policy = limits.get();
    long input = usage == null ? 0 : usage.promptTokens();
    long output = usage == null ? 0 : usage.completionTokens();
    long cost = policy.prices().of(s.model()).map(p -> p.cost(input, output)).orElse(0L);
    long tokens = input + output - reserved.tokens();
    state.adjust(s.principal(), reserved.chargedAt(), tokens, cost - reserved.nanoUsd());
    LimitPolicy.TenantLimits totals = policy.totals(s.tenant());
    if (totals != null && totals.limitsTokens()) {
      state.adjust(LimitPolicy.tenantKey(s.tenant()), reserved.chargedAt(), tokens, cost - reserved.nanoUsd());
    }
  }
}
