package io.guardstream.ratelimit;

import io.guardstream.messages.Quota;
import io.guardstream.messages.RateLimitState;
import io.guardstream.messages.Reservation;
import java.util.function.Function;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * A principal's counters in four RocksDB window stores, each retained only as long as its window
 * needs: admitted requests and tokens in one-second buckets (two minutes kept), and {@link Spend}
 * per UTC day (two days kept) and per UTC month (62 days kept). Shared by {@link RateLimitProcessor},
 * which checks and reserves, and {@link SettlementProcessor}, which corrects reservations.
 */
public final class LimitStores {

  /** The store names, so the topology and both processors agree on them. */
  public record Names(String requests, String tokens, String days, String months, String usage) {}

  /** A requests-per-minute decision, the time it was counted at and the count already in that second. */
  record Check(boolean allowed, RateLimitState state, long now, long inCurrentBucket) {}

  private final WindowStore<String, Long> requests;
  private final WindowStore<String, Long> tokens;
  private final WindowStore<String, Spend> days;
  private final WindowStore<String, Spend> months;

  private LimitStores(WindowStore<String, Long> requests, WindowStore<String, Long> tokens,
      WindowStore<String, Spend> days, WindowStore<String, Spend> months) {
    this.requests = requests;
    this.tokens = tokens;
    this.days = days;
    this.months = months;
  }

  @SuppressWarnings("unchecked")
  static LimitStores open(Function<String, StateStore> stores, Names names) {
    return new LimitStores((WindowStore<String, Long>) stores.apply(names.requests()),
        (WindowStore<String, Long>) stores.apply(names.tokens()),
        (WindowStore<String, Spend>) stores.apply(names.days()),
        (WindowStore<String, Spend>) stores.apply(names.months()));
  }

  /**
   * Requests-per-minute check for one more request of {@code key}, with the time it is counted at: the
   * record timestamp, but never more than {@code maxFutureMs} ahead of the wall clock, and never before
   * the key's newest counted second. So a future-dated record cannot open a fresh window, and a late
   * one lands in the current window rather than in an old one that has room. One range read serves
   * both the clock guard and the count.
   */
  Check requests(String key, long recordTs, long wallClockMs, long maxFutureMs, long limit) {
    long t = Math.min(recordTs, wallClockMs + maxFutureMs);
    long[] buckets = new long[64];
    long[] counts = new long[64];
    int n = 0;
    long upTo = SlidingWindowLimiter.bucketOf(Math.max(t, wallClockMs + maxFutureMs));
    try (WindowStoreIterator<Long> it = requests.fetch(key, SlidingWindowLimiter.windowStart(t), upTo)) {
      while (it.hasNext()) {
        KeyValue<Long, Long> entry = it.next();
        if (n == buckets.length) {
          buckets = java.util.Arrays.copyOf(buckets, n * 2);
          counts = java.util.Arrays.copyOf(counts, n * 2);
        }
        buckets[n] = entry.key;
        counts[n++] = entry.value;
      }
    }
    if (n > 0 && buckets[n - 1] > SlidingWindowLimiter.bucketOf(t)) {
      t = buckets[n - 1];
    }
    long from = SlidingWindowLimiter.windowStart(t);
    long bucket = SlidingWindowLimiter.bucketOf(t);
    long used = 0;
    long oldest = -1;
    long inCurrent = 0;
    for (int i = 0; i < n; i++) {
      if (buckets[i] < from || buckets[i] > bucket || counts[i] == 0) {
        continue;
      }
      used += counts[i];
      oldest = oldest < 0 ? buckets[i] : oldest;
      inCurrent = buckets[i] == bucket ? counts[i] : inCurrent;
    }
    var d = SlidingWindowLimiter.decide(limit, 1, t, used, oldest);
    return new Check(d.allowed(), new RateLimitState(d.limit(), d.remaining(), d.resetMs()), t, inCurrent);
  }

  /** Counts the admitted request that {@code check} allowed. */
  void countRequest(String key, Check check) {
    requests.put(key, check.inCurrentBucket() + 1, SlidingWindowLimiter.bucketOf(check.now()));
  }

  /** The token and spend windows' verdict on a reservation. */
  /**
   * The token and spend windows' verdict on a reservation, with what was read to reach it, so that
   * charging the reservation writes without reading again.
   *
   * @param tokensInBucket the tokens already counted in the reservation's second, or -1 when not read
   */
  record BudgetCheck(boolean allowed, Long limitTokens, long remainingTokens, long resetTokensMs, String tokenReason,
      String overBudget, long tokensInBucket, Spend day, Spend month) {

    RateLimitState headers(RateLimitState requests, Reservation reservation) {
      return new RateLimitState(requests.limitRequests(), requests.remainingRequests(), requests.resetRequestsMs(),
          limitTokens, limitTokens == null ? null : remainingTokens, limitTokens == null ? null : resetTokensMs,
          allowed ? reservation : null);
    }
  }

  BudgetCheck budget(String principal, long now, Quota quota, Reservation reservation) {
    long need = reservation.tokens();
    Long limitTokens = quota.tokensPerMinute();
    long remaining = 0;
    long reset = 0;
    String tokenReason = null;
    long inBucket = -1;
    if (limitTokens != null) {
      Window w = window(tokens, principal, now);
      inBucket = w.inCurrent;
      var d = SlidingWindowLimiter.decide(limitTokens, need, now, w.used, w.oldest);
      remaining = d.remaining();
      reset = d.resetMs();
      if (!d.allowed()) {
        tokenReason = need > limitTokens
            ? "request needs " + need + " tokens (prompt plus max_tokens), more than the limit of " + limitTokens
                + " tokens per minute"
            : "rate limit of " + limitTokens + " tokens per minute reached (" + w.used + " used, this request needs "
                + need + "); retry in " + Math.max(1, (d.resetMs() + 999) / 1000) + " s";
      }
    }
    // both periods are read whatever the quota: a reservation is charged to both
    Spend day = spent(days, principal, BudgetPeriods.dayStart(now));
    Spend month = spent(months, principal, BudgetPeriods.monthStart(now));
    String over = overBudget(day, month, quota, reservation);
    return new BudgetCheck(tokenReason == null && over == null, limitTokens, remaining, reset, tokenReason, over,
        inBucket, day, month);
  }

  private static String overBudget(Spend day, Spend month, Quota quota, Reservation reservation) {
    if (quota.tokensPerDay() != null || quota.usdPerDay() != null) {
      if (quota.tokensPerDay() != null && day.tokens() + reservation.tokens() > quota.tokensPerDay()) {
        return "daily budget of " + quota.tokensPerDay() + " tokens would be exceeded (" + day.tokens()
            + " used or reserved, this request needs up to " + reservation.tokens() + "); resets at 00:00 UTC";
      }
      if (quota.usdPerDay() != null && day.nanoUsd() + reservation.nanoUsd() > PriceTable.nanoUsd(quota.usdPerDay())) {
        return "daily spend budget of $" + quota.usdPerDay().toPlainString() + " would be exceeded (" + usd(day.nanoUsd())
            + " used or reserved, this request may cost up to " + usd(reservation.nanoUsd()) + "); resets at 00:00 UTC";
      }
    }
    if (quota.usdPerMonth() != null) {
      if (month.nanoUsd() + reservation.nanoUsd() > PriceTable.nanoUsd(quota.usdPerMonth())) {
        return "monthly spend budget of $" + quota.usdPerMonth().toPlainString() + " would be exceeded ("
            + usd(month.nanoUsd()) + " used or reserved, this request may cost up to " + usd(reservation.nanoUsd())
            + "); resets on the 1st, 00:00 UTC";
      }
    }
    return null;
  }

  /** Charges a reservation to the windows and budgets of {@code key}, from what {@code check} read. */
  void reserve(String key, Reservation reservation, BudgetCheck check) {
    long bucket = SlidingWindowLimiter.bucketOf(reservation.chargedAt());
    if (check.tokensInBucket() < 0) {
      add(tokens, key, bucket, reservation.tokens());
    } else {
      tokens.put(key, check.tokensInBucket() + reservation.tokens(), bucket);
    }
    days.put(key, check.day().plus(reservation.tokens(), reservation.nanoUsd()),
        BudgetPeriods.dayStart(reservation.chargedAt()));
    months.put(key, check.month().plus(reservation.tokens(), reservation.nanoUsd()),
        BudgetPeriods.monthStart(reservation.chargedAt()));
  }

  /**
   * Adds (or, negative, refunds) tokens and spend in the windows of {@code chargedAt}, the time the
   * reservation was counted at, so a settlement corrects the windows the reservation went into. A
   * window that has already closed is left alone.
   */
  void adjust(String principal, long chargedAt, long deltaTokens, long deltaNanoUsd) {
    add(tokens, principal, SlidingWindowLimiter.bucketOf(chargedAt), deltaTokens);
    long day = BudgetPeriods.dayStart(chargedAt);
    days.put(principal, spent(days, principal, day).plus(deltaTokens, deltaNanoUsd), day);
    long month = BudgetPeriods.monthStart(chargedAt);
    months.put(principal, spent(months, principal, month).plus(deltaTokens, deltaNanoUsd), month);
  }

  private static void add(WindowStore<String, Long> store, String principal, long bucket, long delta) {
    if (delta == 0) {
      return;
    }
    Long before = store.fetch(principal, bucket);
    store.put(principal, Math.max(0, (before == null ? 0 : before) + delta), bucket);
  }

  private static Spend spent(WindowStore<String, Spend> store, String principal, long periodStart) {
    Spend s = store.fetch(principal, periodStart);
    return s == null ? Spend.NONE : s;
  }

  private record Window(long used, long oldest, long inCurrent) {}

  private static Window window(WindowStore<String, Long> store, String principal, long now) {
    long used = 0;
    long oldest = -1;
    long inCurrent = 0;
    long bucket = SlidingWindowLimiter.bucketOf(now);
    try (WindowStoreIterator<Long> it = store.fetch(principal, SlidingWindowLimiter.windowStart(now), bucket)) {
      while (it.hasNext()) {
        KeyValue<Long, Long> entry = it.next();
        if (entry.value == 0) {
          continue;
        }
        used += entry.value;
        if (oldest < 0) {
          oldest = entry.key;
        }
        if (entry.key == bucket) {
          inCurrent = entry.value;
        }
      }
    }
    return new Window(used, oldest, inCurrent);
  }

  private static String usd(long nano) {
    return "$" + java.math.BigDecimal.valueOf(nano, 9).stripTrailingZeros().toPlainString();
  }
}
