package io.guardstream.messages;

import java.util.List;
import java.util.Map;

/** Value of {@code llm.audit}: the final decision on one request. Never a credential or unmasked PII. */
public record AuditEvent(
    String eventId,
    String requestId,
    long timestamp,
    String decision,
    int status,
    String code,
    String stage,
    List<String> reasons,
    String principal,
    String tenant,
    String keyId,
    String source,
    String model,
    Timings timings,
    Inspection inspection,
    Map<String, Integer> responsePiiCounts,
    Usage usage,
    String policyVersion,
    List<String> detectors) {}
