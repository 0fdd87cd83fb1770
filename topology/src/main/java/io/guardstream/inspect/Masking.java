package io.guardstream.inspect;

import java.util.List;

/** Replaces each finding's span with its type tag, {@code <EMAIL_ADDRESS>}, in code point offsets. */
public final class Masking {

  private Masking() {}

  /** @param findings non-overlapping, sorted by start */
  public static String mask(String text, List<PiiFinding> findings) {
    if (findings.isEmpty()) {
      return text;
    }
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
