package io.guardstream.worker;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * How long a server asked us to wait: OpenAI's {@code retry-after-ms} (milliseconds) when present,
 * else {@code Retry-After} as delay-seconds or an HTTP-date (RFC 9110 section 10.2.3; dates in the
 * IMF-fixdate form of section 5.6.7, which RFC 1123's formatter reads).
 */
public final class RetryAfter {

  private RetryAfter() {}

  static Optional<Duration> of(HttpHeaders headers, Instant now) {
    Optional<Duration> millis = headers.firstValue("retry-after-ms").flatMap(RetryAfter::parseMillis);
    return millis.isPresent() ? millis : headers.firstValue("retry-after").flatMap(v -> parse(v, now));
  }

  /** A {@code Retry-After} value; empty when it is neither form (a broken header is no instruction). */
  public static Optional<Duration> parse(String value, Instant now) {
    String v = value.trim();
    if (!v.isEmpty() && v.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
      try {
        return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
      } catch (NumberFormatException e) {
        return Optional.empty(); // more digits than a long: no sane instruction
      }
    }
    try {
      Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration wait = Duration.between(now, at);
      return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static Optional<Duration> parseMillis(String value) {
    try {
      double ms = Double.parseDouble(value.trim());
      return ms >= 0 && Double.isFinite(ms) ? Optional.of(Duration.ofMillis((long) Math.ceil(ms))) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
