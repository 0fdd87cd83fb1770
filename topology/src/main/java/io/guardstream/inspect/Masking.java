package io.guardstream.inspect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Replaces each finding's span with its type tag, {@code <EMAIL_ADDRESS>}, in code point offsets, so
 * an emoji before a span does not shift the mask. Findings from any detector are accepted: they are
 * sorted, and overlapping ones are merged into one tag (the first's type), so no character of an
 * overlapped span leaks even if a detector breaks its non-overlap promise.
 */
public final class Masking {

  private Masking() {}

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
    return replace(text, merged);
  }

  /** @param findings non-overlapping, sorted by start, inside the text */
  private static String replace(String text, List<PiiFinding> findings) {
    StringBuilder out = new StringBuilder(text.length());
    int cursor = 0; // char index
    int cursorCodePoint = 0;
    for (PiiFinding f : findings) {
      int start = text.offsetByCodePoints(cursor, f.start() - cursorCodePoint);
      int end = text.offsetByCodePoints(start, f.end() - f.start());
      out.append(text, cursor, start).append('<').append(f.type()).append('>');
      cursor = end;
      cursorCodePoint = f.end();
    }
    return out.append(text, cursor, text.length()).toString();
  }
}
