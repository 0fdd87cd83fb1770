package io.guardstream.inspect.pii;

import java.util.List;

/**
 * One recogniser per entity type, in the shape of Presidio's {@code EntityRecognizer}: the type it
 * emits, a cheap applicability test, detection, and a validation hook for checksums.
 *
 * <p>Implementations are immutable and thread-safe: one instance serves every stream thread. Heavy
 * assets (patterns, gazetteers) are loaded in the constructor, never per record.
 */
public interface EntityRecognizer {

  /** The entity this recogniser emits: a Presidio name, {@code ADDRESS} or {@code SECRET}. */
  String type();

  /**
   * Cheap test on facts gathered in one pass over the text. False means {@link #detect} cannot find
   * anything, so the scanner skips it; this is what keeps the per-record path cheap.
   */
  boolean mightMatch(TextProfile profile);

  /** Appends the spans found in {@code text} to {@code out}, in Java char offsets. */
  void detect(String text, TextProfile profile, List<Candidate> out);

  /**
   * Structural or checksum validation of one candidate value (Luhn, mod-97, base58check...). The
   * default accepts everything; recognisers with a checksum override it and call it from detect.
   */
  default boolean validate(CharSequence value) {
    return true;
  }
}
