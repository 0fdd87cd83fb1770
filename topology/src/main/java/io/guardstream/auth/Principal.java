package io.guardstream.auth;

import java.util.List;

/**
 * Who a request acts for, once authenticated.
 *
 * @param id stable principal id ({@code key:<key id>'s principal} or {@code <iss>|<sub>})
 * @param keyId the API key id, or null for a token
 * @param allowedModels models this principal may call ({@code *} = any)
 * @param requestsPerMinute its own limit, or null for the default
 */
public record Principal(
    String id,
    String tenant,
    String keyId,
    String method,
    List<String> allowedModels,
    Integer requestsPerMinute) {}
