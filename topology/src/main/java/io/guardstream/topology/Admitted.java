package io.guardstream.topology;

import io.guardstream.messages.ChatRequest;
import io.guardstream.messages.Quota;
import io.guardstream.messages.RequestContext;

/**
 * An authenticated, authorised and inspected request on its way to rate limiting; it crosses the
 * {@code requests-by-principal} repartition topic, so it holds masked prompts and no credential.
 *
 * @param request the request with its prompts already masked
 * @param requestsPerMinute the principal's own limit, or null for its tenant's or the default
 * @param quota the principal's own token and spend limits, or null
 */
public record Admitted(
    String requestId, ChatRequest request, RequestContext context, Integer requestsPerMinute, Quota quota) {}
