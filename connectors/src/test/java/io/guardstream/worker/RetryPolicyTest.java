package io.guardstream.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  private final RetryPolicy policy = new RetryPolicy(6, Duration.ofMillis(100), Duration.ofMillis(1_000), Duration.ofSeconds(30));

  @Test
  void shouldDoubleTheCeilingUpToTheCapWhenRetriesGrow() {
    assertThat(policy.ceiling(1)).isEqualTo(Duration.ofMillis(100));
    assertThat(policy.ceiling(2)).isEqualTo(Duration.ofMillis(200));
    assertThat(policy.ceiling(4)).isEqualTo(Duration.ofMillis(800));
    assertThat(policy.ceiling(5)).isEqualTo(Duration.ofMillis(1_000));
    assertThat(policy.ceiling(1_000)).isEqualTo(Duration.ofMillis(1_000));
  }

  @Test
  void shouldSpreadDelaysOverZeroToTheCeilingWhenJittered() {
    assertThat(policy.delayBefore(3, Optional.empty(), () -> 0.0)).isEqualTo(Duration.ZERO);
    assertThat(policy.delayBefore(3, Optional.empty(), () -> 0.5)).isEqualTo(Duration.ofMillis(200));
    assertThat(policy.delayBefore(3, Optional.empty(), () -> 0.999_999)).isEqualTo(Duration.ofMillis(399));
  }

  @Test
  void shouldWaitAtLeastRetryAfterWhenTheServerAsksForLongerThanTheJitter() {
    assertThat(policy.delayBefore(1, Optional.of(Duration.ofSeconds(3)), () -> 0.5)).isEqualTo(Duration.ofSeconds(3));
    assertThat(policy.delayBefore(3, Optional.of(Duration.ofMillis(10)), () -> 0.5)).isEqualTo(Duration.ofMillis(200));
  }

  @Test
  void shouldRejectSettingsThatCannotWorkWhenBuilt() {
    assertThatThrownBy(() -> new RetryPolicy(0, Duration.ofMillis(1), Duration.ofMillis(1), Duration.ofSeconds(1)))
        .hasMessageStartingWith("max-attempts:");
    assertThatThrownBy(() -> new RetryPolicy(1, Duration.ZERO, Duration.ofMillis(1), Duration.ofSeconds(1)))
        .hasMessageStartingWith("initial-backoff-ms:");
    assertThatThrownBy(() -> new RetryPolicy(1, Duration.ofMillis(10), Duration.ofMillis(1), Duration.ofSeconds(1)))
        .hasMessageStartingWith("max-backoff-ms:");
  }
}
