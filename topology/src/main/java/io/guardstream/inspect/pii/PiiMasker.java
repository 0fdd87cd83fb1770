package io.guardstream.inspect.pii;

import io.guardstream.inspect.Masking;
import io.guardstream.inspect.PiiFinding;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Replaces each finding's span by its type tag ({@code <EMAIL_ADDRESS>}). Offsets are code points,
 * so an emoji before a span does not shift the mask. Findings from any source are accepted: they
 * are sorted, and overlapping ones are merged into one tag (the first's type), so no character of
 * an overlapped span leaks.
 */
public final class PiiMasker {

  private PiiMasker() {}

  public static String mask(String text, List<PiiFinding> findings) {
    if (findings.isEmpty()) {
      return text;
    }
    int codePoints = text.codePointCount(0, text.length());
    List<PiiFinding> sorted = new ArrayList<>(findings);
    sorted.sort(Comparator.comparingInt(PiiFinding::start).thenComparingInt(PiiFinding::end));
    List<PiiFinding> merged = new ArrayList<>(sorted.size());
    for (PiiFinding f : sorted) {
      if (f.start() < 0 || f.end() > codePoints || f.start() >= f.end()) {
        throw new IllegalArgumentException(
            "finding " + f.type() + " " + f.start() + ".." + f.end() + " outside text of " + codePoints + " code points");
      }
      int last = merged.size() - 1;
      if (last >= 0 && f.start() < merged.get(last).end()) {
        PiiFinding prev = merged.get(last);
        if (f.end() > prev.end()) {
          merged.set(last, new PiiFinding(prev.type(), prev.start(), f.end(), Math.max(prev.score(), f.score())));
        }
      } else {
        merged.add(f);
      }
    }
    return Masking.mask(text, merged);
  }
}
