package io.guardstream.anomaly;

import io.guardstream.messages.Alert;
import java.util.Map;

/**
 * Raises one alert when a source fails authentication {@code threshold} times within a tumbling
 * window: credential stuffing or a leaked-key scan looks like this. The alert fires on the exact
 * count that crosses the threshold, so each source and window gives one alert, not one per failure.
 */
public final class AuthFailureBurstRule {

  public static final String RULE = "auth_failure_burst";

  private final int threshold;
  private final long windowMs;

  public AuthFailureBurstRule(int threshold, long windowMs) {
    this.threshold = threshold;
    this.windowMs = windowMs;
  }

  public long windowMs() {
    return windowMs;
  }

  public long windowStart(long at) {
    return at - Math.floorMod(at, windowMs);
  }

  /** The alert to raise when a source's count in a window becomes {@code countInWindow}, or null. */
  public Alert onFailure(AuthFailure failure, long countInWindow, long now) {
    if (countInWindow != threshold) {
      return null;
    }
    long start = windowStart(failure.at());
    return new Alert(
        RULE + ":" + failure.source() + ":" + start,
        RULE,
        "high",
        failure.source(),
        start,
        start + windowMs,
        countInWindow,
        threshold,
        now,
        countInWindow + " failed authentications from source " + failure.source() + " within " + (windowMs / 1000) + " s",
        Map.of("failures_in_window", countInWindow, "last_code", failure.code(), "window_ms", windowMs));
  }
}
