package io.guardstream.auth.remote;

import static org.assertj.core.api.Assertions.assertThat;

import io.guardstream.auth.remote.CircuitBreaker.State;
import io.guardstream.auth.remote.CircuitBreaker.Transition;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {

  private final CircuitBreaker breaker = new CircuitBreaker(3, 30_000);

  @Test
  void shouldOpenWhenThresholdConsecutiveFailures() {
    assertThat(breaker.recordFailure(0)).isEqualTo(Transition.NONE);
    assertThat(breaker.recordFailure(0)).isEqualTo(Transition.NONE);
    assertThat(breaker.recordFailure(0)).isEqualTo(Transition.OPENED);

    assertThat(breaker.state()).isEqualTo(State.OPEN);
    assertThat(breaker.tryAcquire(29_999)).isFalse();
  }

  @Test
  void shouldStayClosedWhenASuccessBreaksTheRunOfFailures() {
    breaker.recordFailure(0);
    breaker.recordFailure(0);
    breaker.recordSuccess();
    breaker.recordFailure(0);
    breaker.recordFailure(0);

    assertThat(breaker.state()).isEqualTo(State.CLOSED);
    assertThat(breaker.tryAcquire(0)).isTrue();
  }

  @Test
  void shouldLetExactlyOneProbeThroughWhenCoolDownHasPassed() {
    openAt(0);

    assertThat(breaker.tryAcquire(30_000)).isTrue();
    assertThat(breaker.state()).isEqualTo(State.HALF_OPEN);
    assertThat(breaker.tryAcquire(30_001)).isFalse();
  }

  @Test
  void shouldCloseWhenProbeSucceeds() {
    openAt(0);
    breaker.tryAcquire(30_000);

    assertThat(breaker.recordSuccess()).isEqualTo(Transition.CLOSED);
    assertThat(breaker.tryAcquire(30_000)).isTrue();
    assertThat(breaker.tryAcquire(30_000)).isTrue();
  }

  @Test
  void shouldReopenForAnotherCoolDownWhenProbeFails() {
    openAt(0);
    breaker.tryAcquire(30_000);

    assertThat(breaker.recordFailure(30_500)).isEqualTo(Transition.OPENED);
    assertThat(breaker.tryAcquire(60_499)).isFalse();
    assertThat(breaker.tryAcquire(60_500)).isTrue();
  }

  private void openAt(long nowMs) {
    for (int i = 0; i < 3; i++) {
      breaker.recordFailure(nowMs);
    }
  }
}
