package io.guardstream.inspect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Replaces each finding's span with its type tag, {@code <EMAIL_ADDRESS>}, or with whatever a
 * {@link Replacement} makes of it, in code point offsets, so an emoji before a span does not shift
 * the mask. Findings from any detector are accepted: they are sorted, and overlapping ones are merged
 * into one span (the first's type), so no character of an overlapped span leaks even if a detector
 * breaks its non-overlap promise. Text outside the spans is copied unchanged.
 */
public final class Masking {

  /** What a span becomes, given its type and the text it covers. */
  @FunctionalInterface
  public interface Replacement {
    void append(StringBuilder out, String type, String value);
  }

  private static final Replacement TAG = (out, type, value) -> out.append('<').append(type).append('>');

  private Masking() {}

  public static String mask(String text, List<PiiFinding> findings) {
    return mask(text, findings, TAG);
  }

  public static String mask(String text, List<PiiFinding> findings, Replacement replacement) {
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
    return replace(text, merged, replacement);
  }

  /** @param findings non-overlapping, sorted by start, inside the text */
  private static String replace(String text, List<PiiFinding> findings, Replacement replacement) {
    StringBuilder out = new StringBuilder(text.length());
    int cursor = 0; // char index
    int cursorCodePoint = 0;
    for (PiiFinding f : findings) {
      int start = text.offsetByCodePoints(cursor, f.start() - cursorCodePoint);
      int end = text.offsetByCodePoints(start, f.end() - f.start());
      out.append(text, cursor, start);
      replacement.append(out, f.type(), text.substring(start, end));
      cursor = end;
      cursorCodePoint = f.end();
    }
    return out.append(text, cursor, text.length()).toString();
  }
}
