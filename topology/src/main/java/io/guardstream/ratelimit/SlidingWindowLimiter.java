package io.guardstream.ratelimit;

/**
 * Requests- and tokens-per-minute limiting over a sliding window of sixty one-second buckets.
 *
 * <p>A request at time t needing {@code amount} units (1 for requests, its prompt tokens plus its
 * reserved completion tokens for tokens) is admitted when the units counted in the bucket of t and
 * the 59 buckets before it, plus {@code amount}, do not exceed the limit. Unlike fixed minute buckets, this never admits
 * a double burst across a minute boundary: any 59-second span holds at most {@code limit} admitted
 * requests, and a slot is released at most one second later than a perfect 60-second sliding log
 * would release it. Counts are per principal and exact, because each principal's counter lives in
 * one task after the repartition.
 */
public final class SlidingWindowLimiter {

  public static final long WINDOW_MS = 60_000;
  public static final long BUCKET_MS = 1_000;

  /**
   * @param remaining requests still allowed in the window after this decision
   * @param resetMs time until the oldest counted request leaves the window (when the window is full,
   *     the earliest moment a retry can succeed)
   */
  public record Decision(boolean allowed, long limit, long remaining, long resetMs) {}

  private SlidingWindowLimiter() {}

  public static long bucketOf(long timestampMs) {
    return timestampMs - Math.floorMod(timestampMs, BUCKET_MS);
  }

  /** The first bucket that still counts at {@code nowMs}. */
  public static long windowStart(long nowMs) {
    return bucketOf(nowMs) - WINDOW_MS + BUCKET_MS;
  }

  /**
   * @param used admitted requests counted in the window at {@code nowMs}
   * @param oldestBucket start of the oldest non-empty bucket in the window, or -1 when empty
   */
  public static Decision decide(long limit, long nowMs, long used, long oldestBucket) {
    return decide(limit, 1, nowMs, used, oldestBucket);
  }

  /** @param amount units this request needs */
  public static Decision decide(long limit, long amount, long nowMs, long used, long oldestBucket) {
    boolean allowed = used + amount <= limit;
    long remaining = Math.max(0, limit - used - (allowed ? amount : 0));
    long oldest = oldestBucket >= 0 ? oldestBucket : bucketOf(nowMs);
    long reset = Math.max(0, oldest + WINDOW_MS - nowMs);
    return new Decision(allowed, limit, remaining, reset);
  }
}
