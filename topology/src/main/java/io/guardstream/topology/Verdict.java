package io.guardstream.topology;

import java.util.List;

/**
 * What a stage decided about a request: pass it on to the next stage, or stop it with an outcome
 * (the caller's response, the audit event and, for unreadable input, the dead letter).
 */
public sealed interface Verdict<T> {

  record Pass<T>(T value) implements Verdict<T> {}

  record Stop<T>(Outcome outcome) implements Verdict<T> {}

  static <T> Verdict<T> pass(T value) {
    return new Pass<>(value);
  }

  static <T> Verdict<T> stop(Outcome outcome) {
    return new Stop<>(outcome);
  }

  /** For {@code flatMapValues}: the value that passed, or nothing. */
  default List<T> passed() {
    return this instanceof Pass<T> p ? List.of(p.value()) : List.of();
  }

  /** For {@code flatMapValues}: the outcome of a stop, or nothing. */
  default List<Outcome> stopped() {
    return this instanceof Stop<T> s ? List.of(s.outcome()) : List.of();
  }
}
