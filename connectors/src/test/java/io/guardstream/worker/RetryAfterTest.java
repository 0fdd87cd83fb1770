package io.guardstream.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

  private static final Instant NOW = Instant.parse("2026-11-29T06:00:00Z");

  @Test
  void shouldWaitThatManySecondsWhenRetryAfterIsDelaySeconds() {
    assertThat(RetryAfter.parse("120", NOW)).contains(Duration.ofSeconds(120));
    assertThat(RetryAfter.parse(" 0 ", NOW)).contains(Duration.ZERO);
  }

  @Test
  void shouldWaitUntilTheDateWhenRetryAfterIsAnHttpDate() {
    assertThat(RetryAfter.parse("Sun, 29 Nov 2026 06:00:30 GMT", NOW)).contains(Duration.ofSeconds(30));
  }

  @Test
  void shouldNotWaitWhenTheHttpDateHasPassed() {
    assertThat(RetryAfter.parse("Sun, 29 Nov 2026 05:59:00 GMT", NOW)).contains(Duration.ZERO);
  }

  @Test
  void shouldIgnoreTheHeaderWhenItIsNeitherSecondsNorAnHttpDate() {
    assertThat(RetryAfter.parse("-5", NOW)).isEmpty();
    assertThat(RetryAfter.parse("1.5", NOW)).isEmpty();
    assertThat(RetryAfter.parse("soon", NOW)).isEmpty();
    assertThat(RetryAfter.parse("99999999999999999999999", NOW)).isEmpty();
  }

  @Test
  void shouldPreferOpenAisRetryAfterMsWhenBothAreSent() {
    HttpHeaders headers = HttpHeaders.of(Map.of("retry-after", List.of("20"), "retry-after-ms", List.of("1500.2")), (k, v) -> true);
    assertThat(RetryAfter.of(headers, NOW)).contains(Duration.ofMillis(1501));
  }

  @Test
  void shouldFallBackToRetryAfterWhenRetryAfterMsIsBroken() {
    HttpHeaders headers = HttpHeaders.of(Map.of("retry-after", List.of("2"), "retry-after-ms", List.of("NaN")), (k, v) -> true);
    assertThat(RetryAfter.of(headers, NOW)).contains(Duration.ofSeconds(2));
    assertThat(RetryAfter.of(HttpHeaders.of(Map.of(), (k, v) -> true), NOW)).isEqualTo(Optional.empty());
  }
}
