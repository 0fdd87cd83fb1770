package io.guardstream.ratelimit;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** Daily and monthly budgets run over UTC calendar periods, as providers' daily quotas do. */
public final class BudgetPeriods {

  public static final long DAY_MS = 86_400_000L;

  private BudgetPeriods() {}

  public static long dayStart(long ms) {
    return ms - Math.floorMod(ms, DAY_MS);
  }

  public static long monthStart(long ms) {
    LocalDate day = Instant.ofEpochMilli(ms).atZone(ZoneOffset.UTC).toLocalDate();
    return day.withDayOfMonth(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
  }
}
