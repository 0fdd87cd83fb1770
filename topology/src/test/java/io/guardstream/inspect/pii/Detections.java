package io.guardstream.inspect.pii;

import java.util.ArrayList;
import java.util.List;

/** Runs one recogniser the way the scanner does and returns the matched substrings. */
public final class Detections {

  private Detections() {}

  public static List<String> found(EntityRecognizer recognizer, String text) {
    List<String> values = new ArrayList<>();
    for (Candidate c : candidates(recognizer, text)) {
      values.add(text.substring(c.start(), c.end()));
    }
    return values;
  }

  public static List<Candidate> candidates(EntityRecognizer recognizer, String text) {
    TextProfile profile = TextProfile.of(text);
    List<Candidate> out = new ArrayList<>();
    if (recognizer.mightMatch(profile)) {
      recognizer.detect(text, profile, out);
    }
    return out;
  }

  public static double scoreOf(EntityRecognizer recognizer, String text) {
    List<Candidate> c = candidates(recognizer, text);
    if (c.size() != 1) {
      throw new AssertionError("expected one finding in '" + text + "' but got " + c);
    }
    return c.get(0).score();
  }
}
