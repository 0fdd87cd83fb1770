package io.guardstream.messages;

/**
 * Rate-limit state after a decision; becomes the {@code x-ratelimit-*} headers. The token fields are
 * null when the principal has no token limit.
 *
 * @param reservation what was charged for the request, for settlement on the response path; null
 *     when nothing was reserved
 */
public record RateLimitState(
    long limitRequests,
    long remainingRequests,
    long resetRequestsMs,
    Long limitTokens,
    Long remainingTokens,
    Long resetTokensMs,
    Reservation reservation) {

  public RateLimitState(long limitRequests, long remainingRequests, long resetRequestsMs) {
    this(limitRequests, remainingRequests, resetRequestsMs, null, null, null, null);
  }
}
