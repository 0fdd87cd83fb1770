package io.guardstream.auth.remote;

import java.time.Duration;

/** The check both settings records make on every lifetime and timeout. */
final class Durations {

  private Durations() {}

  static void requirePositive(String what, Duration value) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(what + " must be a positive duration");
    }
  }
}
