package io.guardstream.messages;

import java.util.List;

/** Guardstream's own metadata that travels with an accepted request to the response path. No credential. */
public record RequestContext(
    String principal,
    String tenant,
    String keyId,
    String source,
    long receivedAt,
    long acceptedAt,
    RateLimitState rateLimit,
    Inspection inspection,
    String policyVersion,
    List<String> detectors) {}
