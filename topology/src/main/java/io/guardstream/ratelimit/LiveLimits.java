package io.guardstream.ratelimit;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The limit policy in force, replaced while the pipeline runs when its configuration changes: the
 * rate-limit stage reads it once per record, so a new tenant or default limit applies to the next
 * request, like a changed key record. How the stage is partitioned cannot change without a restart
 * (it decides which task owns which counters), so a replacement that changes it is refused.
 */
public final class LiveLimits implements Supplier<LimitPolicy> {

  private final AtomicReference<LimitPolicy> current;

  public LiveLimits(LimitPolicy initial) {
    this.current = new AtomicReference<>(initial);
  }

  @Override
  public LimitPolicy get() {
    return current.get();
  }

  /** @throws IllegalArgumentException when {@code next} partitions the stage differently */
  public void replace(LimitPolicy next) {
    if (next.partitionByTenant() != current.get().partitionByTenant()) {
      throw new IllegalArgumentException("ratelimit.partition.by cannot change while the pipeline runs: restart it");
    }
    current.set(next);
  }
}
