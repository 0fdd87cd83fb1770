package io.guardstream.inspect;

import java.util.List;

/** Finds PII and secrets in a text. Implementations are thread-safe and load their assets once. */
public interface PiiDetector {

  /** {@code detectorId@version}, recorded with every verdict. */
  String id();

  /** Non-overlapping findings sorted by start, with code point offsets. */
  List<PiiFinding> scan(String text);

  /** This detector with findings below {@code minScore} dropped: what the pipeline masks. */
  default PiiDetector atLeast(double minScore) {
    PiiDetector all = this;
    return new PiiDetector() {
      @Override
      public String id() {
        return all.id();
      }

      @Override
      public List<PiiFinding> scan(String text) {
        List<PiiFinding> found = all.scan(text);
        for (PiiFinding f : found) {
          if (f.score() < minScore) {
            return found.stream().filter(x -> x.score() >= minScore).toList();
          }
        }
        return found;
      }
    };
  }
}
