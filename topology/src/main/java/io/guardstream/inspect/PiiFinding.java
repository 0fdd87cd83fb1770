package io.guardstream.inspect;

/**
 * One PII or secret span found in a text.
 *
 * @param type Presidio's entity name (EMAIL_ADDRESS, US_SSN, ...), ADDRESS, or SECRET
 * @param start first Unicode code point of the span (not a Java char index)
 * @param end code point after the span (exclusive)
 * @param score confidence in 0..1
 */
public record PiiFinding(String type, int start, int end, double score) {}
