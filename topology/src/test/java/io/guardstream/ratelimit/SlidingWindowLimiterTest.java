package io.guardstream.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SlidingWindowLimiterTest {

  @Test
  void shouldAdmitUntilTheLimitAndReportWhatRemains() {
    var first = SlidingWindowLimiter.decide(3, 10_500, 0, -1);
    assertThat(first.allowed()).isTrue();
    assertThat(first.remaining()).isEqualTo(2);
    assertThat(first.resetMs()).isEqualTo(59_500);
    var full = SlidingWindowLimiter.decide(3, 10_500, 3, 10_000);
    assertThat(full.allowed()).isFalse();
    assertThat(full.remaining()).isZero();
  }

  @Test
  void shouldReleaseASlotWhenTheOldestBucketLeavesTheWindow() {
    // admitted at 10 s: counted while the window start is at or before the 10 s bucket
    assertThat(SlidingWindowLimiter.windowStart(69_999)).isEqualTo(10_000);
    assertThat(SlidingWindowLimiter.windowStart(70_000)).isEqualTo(11_000);
    assertThat(SlidingWindowLimiter.decide(3, 69_000, 3, 10_000).resetMs()).isEqualTo(1_000);
  }

  @Test
  void shouldBucketNegativeAndPositiveTimesByTheSecond() {
    assertThat(SlidingWindowLimiter.bucketOf(1_234)).isEqualTo(1_000);
    assertThat(SlidingWindowLimiter.bucketOf(-1)).isEqualTo(-1_000);
  }
}
