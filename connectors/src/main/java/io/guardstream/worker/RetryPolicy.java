package io.guardstream.worker;

import java.time.Duration;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * When to try a failed model call again: up to {@code maxAttempts} calls in all and no retry that
 * would run past {@code maxTotalTime} from the first call (the last attempt's timeout is cut to fit). Between attempts, exponential backoff
 * with full jitter (AWS Architecture Blog, "Exponential Backoff and Jitter"): a uniform delay in
 * [0, min(maxBackoff, initialBackoff * 2^(retry-1))], so that workers throttled together by the same
 * 429 do not come back together. A server's {@code retry-after} is a floor on that delay.
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxTotalTime) {

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("max-attempts: must be at least 1, got " + maxAttempts);
    }
    if (initialBackoff.isNegative() || initialBackoff.isZero()) {
      throw new IllegalArgumentException("initial-backoff-ms: must be positive, got " + initialBackoff.toMillis() + " ms");
    }
    if (maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException("max-backoff-ms: must be at least initial-backoff-ms");
    }
    if (maxTotalTime.isNegative() || maxTotalTime.isZero()) {
      throw new IllegalArgumentException("max-total-time-ms: must be positive");
    }
  }

  /** The exponential ceiling before retry number {@code retry} (1 for the second attempt). */
  Duration ceiling(int retry) {
    long cap = maxBackoff.toMillis();
    long millis = initialBackoff.toMillis();
    for (int i = 1; i < retry && millis < cap; i++) {
      millis *= 2; // below cap before doubling, so no overflow
    }
    return Duration.ofMillis(Math.min(millis, cap));
  }

  /**
   * The delay before retry number {@code retry}: full jitter below the ceiling, but never shorter
   * than the server asked for. {@code random} gives values in [0, 1).
   */
  Duration delayBefore(int retry, Optional<Duration> retryAfter, DoubleSupplier random) {
    Duration jittered = Duration.ofMillis((long) (random.getAsDouble() * ceiling(retry).toMillis()));
    return retryAfter.filter(floor -> floor.compareTo(jittered) > 0).orElse(jittered);
  }
}
