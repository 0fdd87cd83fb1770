package io.guardstream.inspect;

import java.util.List;

/** Finds PII and secrets in a text. Implementations are thread-safe and load their assets once. */
public interface PiiDetector {

  /** {@code detectorId@version}, recorded with every verdict. */
  String id();

  /** Non-overlapping findings sorted by start, with code point offsets. */
  List<PiiFinding> scan(String text);
}
