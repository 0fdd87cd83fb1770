package io.guardstream.auth.remote;

/**
 * Stops calling an endpoint that keeps failing. Closed: calls go through, and {@code
 * failureThreshold} consecutive failures open it. Open: calls are refused at once for {@code
 * coolDownMs}, so a dead endpoint costs each request nothing instead of a full timeout and is not
 * hammered while it recovers. Then half-open: exactly one probe call goes through; its success
 * closes the breaker, its failure opens it for another cool-down. Time is whatever the caller
 * passes.
 */
final class CircuitBreaker {

  enum State {
    CLOSED,
    OPEN,
    HALF_OPEN
  }

  /** What a recorded result did to the breaker, so the owner can raise the matching event. */
  enum Transition {
    NONE,
    OPENED,
    CLOSED
  }

  private final int failureThreshold;
  private final long coolDownMs;
  private State state = State.CLOSED;
  private int consecutiveFailures;
  private long openedAtMs;
  private boolean probeInFlight;

  CircuitBreaker(int failureThreshold, long coolDownMs) {
    if (failureThreshold <= 0 || coolDownMs <= 0) {
      throw new IllegalArgumentException("circuit breaker threshold and cool-down must be positive");
    }
    this.failureThreshold = failureThreshold;
    this.coolDownMs = coolDownMs;
  }

  /** Whether a call may be made now; in half-open, true for the one probe only. */
  synchronized boolean tryAcquire(long nowMs) {
    switch (state) {
      case CLOSED:
        return true;
      case OPEN:
        if (nowMs - openedAtMs < coolDownMs) {
          return false;
        }
        state = State.HALF_OPEN;
        probeInFlight = true;
        return true;
      default:
        if (probeInFlight) {
          return false;
        }
        probeInFlight = true;
        return true;
    }
  }

  synchronized Transition recordSuccess() {
    consecutiveFailures = 0;
    probeInFlight = false;
    if (state == State.CLOSED) {
      return Transition.NONE;
    }
    state = State.CLOSED;
    return Transition.CLOSED;
  }

  synchronized Transition recordFailure(long nowMs) {
    probeInFlight = false;
    consecutiveFailures++;
    if (state == State.HALF_OPEN || (state == State.CLOSED && consecutiveFailures >= failureThreshold)) {
      state = State.OPEN;
      openedAtMs = nowMs;
      return Transition.OPENED;
    }
    return Transition.NONE;
  }

  synchronized State state() {
    return state;
  }
}
