package io.guardstream.messages;

/** Request rate-limit state after a decision; becomes the {@code x-ratelimit-*-requests} headers. */
public record RateLimitState(long limitRequests, long remainingRequests, long resetRequestsMs) {}
