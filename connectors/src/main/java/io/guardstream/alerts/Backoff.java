package io.guardstream.alerts;

import java.time.Duration;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * Retries of one POST: exponential backoff with full jitter (AWS Architecture Blog, "Exponential
 * Backoff and Jitter"), so that tasks failed by the same outage do not come back in step. A server's
 * Retry-After is a floor on the delay; one longer than {@code max} ends the retries instead, because
 * waiting it out would hold the whole task (and its partitions) hostage to one receiver.
 */
public record Backoff(int maxRetries, Duration initial, Duration max) {

  public Backoff {
    if (maxRetries < 0 || initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("backoff: need maxRetries >= 0 and 0 < initial <= max");
    }
  }

  /** The exponential ceiling before retry number {@code retry} (1 for the second attempt). */
  Duration ceiling(int retry) {
    long cap = max.toMillis();
    long millis = initial.toMillis();
    for (int i = 1; i < retry && millis < cap; i++) {
      millis *= 2; // below cap before doubling: no overflow
    }
    return Duration.ofMillis(Math.min(millis, cap));
  }

  /**
   * The delay before retry number {@code retry}, or empty when the server asked for more than
   * {@code max}. {@code random} gives values in [0, 1).
   */
  Optional<Duration> delayBefore(int retry, Optional<Duration> retryAfter, DoubleSupplier random) {
    if (retryAfter.isPresent() && retryAfter.get().compareTo(max) > 0) {
      return Optional.empty();
    }
    Duration jittered = Duration.ofMillis((long) (random.getAsDouble() * ceiling(retry).toMillis()));
    return Optional.of(retryAfter.filter(floor -> floor.compareTo(jittered) > 0).orElse(jittered));
  }
}
