package io.guardstream.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AuthFailureBurstRuleTest {

  private final AuthFailureBurstRule rule = new AuthFailureBurstRule(3, 60_000);

  @Test
  void shouldAlertOnceExactlyWhenTheCountReachesTheThreshold() {
    var failure = new AuthFailure("src_1", "invalid_api_key", 125_000);
    assertThat(rule.onFailure(failure, 2, 0)).isNull();
    var alert = rule.onFailure(failure, 3, 0);
    assertThat(alert).isNotNull();
    assertThat(alert.windowStart()).isEqualTo(120_000);
    assertThat(alert.windowEnd()).isEqualTo(180_000);
    assertThat(alert.alertId()).isEqualTo("auth_failure_burst:src_1:120000");
    assertThat(rule.onFailure(failure, 4, 0)).as("no second alert in the same window").isNull();
  }
}
