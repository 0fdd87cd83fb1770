package io.guardstream.bench;

/** Setup checks: a benchmark whose input does not do what it claims measures the wrong path. */
final class Benchmarks {

  private Benchmarks() {}

  static void require(boolean condition, String what) {
    if (!condition) {
      throw new IllegalStateException("benchmark setup is wrong: " + what);
    }
  }
}
