package io.guardstream.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BackoffTest {

  private final Backoff backoff = new Backoff(5, Duration.ofMillis(100), Duration.ofMillis(1000));

  @Test
  void shouldDoubleTheCeilingUpToTheMaximumWhenRetriesAccumulate() {
    assertThat(backoff.ceiling(1)).isEqualTo(Duration.ofMillis(100));
    assertThat(backoff.ceiling(2)).isEqualTo(Duration.ofMillis(200));
    assertThat(backoff.ceiling(4)).isEqualTo(Duration.ofMillis(800));
    assertThat(backoff.ceiling(5)).isEqualTo(Duration.ofMillis(1000));
    assertThat(backoff.ceiling(Integer.MAX_VALUE)).isEqualTo(Duration.ofMillis(1000));
  }

  @Test
  void shouldJitterBelowTheCeilingWhenTheServerGaveNoRetryAfter() {
    assertThat(backoff.delayBefore(3, Optional.empty(), () -> 0.0)).contains(Duration.ZERO);
    assertThat(backoff.delayBefore(3, Optional.empty(), () -> 0.5)).contains(Duration.ofMillis(200));
    assertThat(backoff.delayBefore(3, Optional.empty(), () -> 0.999)).contains(Duration.ofMillis(399));
  }

  @Test
  void shouldWaitAtLeastTheRetryAfterWhenTheServerAsksForIt() {
    assertThat(backoff.delayBefore(1, Optional.of(Duration.ofMillis(700)), () -> 0.1)).contains(Duration.ofMillis(700));
    assertThat(backoff.delayBefore(5, Optional.of(Duration.ofMillis(10)), () -> 0.5)).contains(Duration.ofMillis(500));
  }

  @Test
  void shouldGiveUpWhenTheRetryAfterIsLongerThanTheMaximumBackoff() {
    assertThat(backoff.delayBefore(1, Optional.of(Duration.ofSeconds(3600)), () -> 0.1)).isEmpty();
  }
}
