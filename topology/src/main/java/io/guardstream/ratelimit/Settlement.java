package io.guardstream.ratelimit;

import io.guardstream.messages.Reservation;
import io.guardstream.messages.Usage;

/**
 * The response path's word on a reservation, sent back to the principal's rate-limit task over the
 * {@code settlements-by-principal} topic: the actual usage replaces what was reserved.
 *
 * @param usage the worker's reported usage, or null when no answer came (the reservation is released)
 */
public record Settlement(
    String requestId, String principal, String tenant, String model, Reservation reservation, Usage usage) {}
