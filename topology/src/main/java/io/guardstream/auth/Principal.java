package io.guardstream.auth;

import io.guardstream.messages.Quota;
import java.util.List;

/**
 * Who a request acts for, once authenticated, and what its credential allows.
 *
 * @param id stable principal id (the key's principal, or {@code <iss>|<sub>} for a token)
 * @param keyId the API key id, or null for a token
 * @param allowedModels models this principal may call ({@code *} = any; null = the default list)
 * @param requestsPerMinute its own limit, or null for the default
 * @param maxTokens the largest {@code max_tokens} it may ask for, or null for no cap
 * @param workloads the workloads it may run, or null for any
 * @param quota its own token and spend limits, or null for its tenant's or the default
 */
public record Principal(
    String id,
    String tenant,
    String keyId,
    String method,
    List<String> allowedModels,
    Integer requestsPerMinute,
    Integer maxTokens,
    List<String> workloads,
    Quota quota) {}
