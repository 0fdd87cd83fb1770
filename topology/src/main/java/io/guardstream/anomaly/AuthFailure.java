package io.guardstream.anomaly;

/**
 * One failed authentication, as the anomaly rules see it.
 *
 * @param source pseudonym of the client address
 * @param code the denial code, e.g. {@code invalid_api_key}
 */
public record AuthFailure(String source, String code, long at) {}
