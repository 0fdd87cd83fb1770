package io.guardstream.topology;

import io.guardstream.messages.AuditEvent;
import io.guardstream.messages.CallerResponse;
import io.guardstream.messages.DeadLetter;
import io.guardstream.messages.RateLimitState;
import io.guardstream.ratelimit.Settlement;

/**
 * A final decision on one request, written in one transaction: the caller's response (with its
 * rate-limit headers), the audit event and, for unreadable input, the dead letter.
 *
 * @param requestId the key of every record the outcome writes
 * @param rateLimit state for the {@code x-ratelimit-*} headers, or null before rate limiting
 * @param deadLetter set only when the input itself was unusable
 * @param authFailureSource pseudonymous source of a failed authentication, for anomaly rules
 * @param settlement the final usage of a request that reserved tokens, for its principal's counters
 */
public record Outcome(
    String requestId,
    CallerResponse response,
    RateLimitState rateLimit,
    AuditEvent audit,
    DeadLetter deadLetter,
    String authFailureSource,
    Settlement settlement) {

  public Outcome(String requestId, CallerResponse response, RateLimitState rateLimit, AuditEvent audit,
      DeadLetter deadLetter, String authFailureSource) {
    this(requestId, response, rateLimit, audit, deadLetter, authFailureSource, null);
  }
}
