package io.guardstream.alerts;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * A {@code Retry-After} value (RFC 9110 section 10.2.3): delay-seconds or an IMF-fixdate, which RFC
 * 1123's formatter reads. Anything else is no instruction (empty), not an error.
 */
final class RetryAfter {

  private RetryAfter() {}

  static Optional<Duration> parse(String value, Instant now) {
    String v = value.trim();
    if (!v.isEmpty() && v.length() <= 18 && v.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
      return Optional.of(Duration.ofSeconds(Long.parseLong(v))); // 18 digits always fit a long
    }
    try {
      Duration wait = Duration.between(now, ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
      return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
