package io.guardstream.messages;

import java.util.Map;

/** Value of {@code llm.alerts}: one deduplicated anomaly alert with its evidence. */
public record Alert(
    String alertId,
    String rule,
    String severity,
    String subject,
    long windowStart,
    long windowEnd,
    long count,
    long threshold,
    long createdAt,
    String summary,
    Map<String, Object> evidence) {}
