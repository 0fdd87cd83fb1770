package io.guardstream.inspect;

/** Scores a text for prompt injection and jailbreak attempts. Thread-safe. */
public interface InjectionScorer {

  /** {@code detectorId@version}, recorded with every verdict. */
  String id();

  InjectionVerdict score(String text);
}
