package io.guardstream.inspect.injection;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Turns raw prompt text into the views the signatures run on. Attackers hide trigger phrases from
 * keyword filters with invisible characters, compatibility forms (fullwidth letters, mathematical
 * alphanumerics, ligatures) and typographic quotes; this undoes those tricks once per text so that
 * every signature can be written against plain lowercase text.
 *
 * <p>Stateless and thread-safe.
 */
final class TextNormalizer {

  /**
   * Texts longer than this are scanned as head plus tail. Injections sit at the start (jailbreak
   * templates) or the end (instructions appended to a document) far more often than in the middle,
   * and the bound keeps the per-record cost linear in a constant, not in the request size.
   */
  static final int MAX_SCANNED_CHARS = 48 * 1024;

  private static final int TAIL_CHARS = 12 * 1024;

  private final Deobfuscator deobfuscator = new Deobfuscator();

  /**
   * @param stripped invisible characters removed, Unicode tags decoded, original case: the input
   *     for decoders of case-sensitive encodings such as base64
   * @param text NFKC, lowercase ({@link Locale#ROOT}), typographic quotes folded, whitespace runs
   *     collapsed to one space or one newline
   * @param deobfuscated {@code text} with leetspeak, mixed-script homoglyphs and spaced-out letters
   *     folded, or {@code null} when there was nothing to fold
   * @param invisibleChars zero-width and bidi control characters removed from inside the text
   * @param tagChars Unicode tag characters (U+E0000 block), an invisible ASCII channel
   */
  record NormalizedText(
      String stripped, String text, String deobfuscated, int invisibleChars, int tagChars) {}

  NormalizedText normalize(String raw) {
    String bounded = bound(raw);
    int[] counts = new int[2];
    boolean nonAscii = !isAscii(bounded);
    String strippedText = bounded;
    if (nonAscii) {
      StringBuilder stripped = new StringBuilder(bounded.length());
      nonAscii = stripInvisible(bounded, stripped, counts);
      strippedText = stripped.toString();
    }
    String nfkc = strippedText;
    if (nonAscii && !Normalizer.isNormalized(strippedText, Normalizer.Form.NFKC)) {
      nfkc = Normalizer.normalize(strippedText, Normalizer.Form.NFKC);
    }
    String lower = nfkc.toLowerCase(Locale.ROOT);
    String text = collapse(lower);
    String folded = deobfuscator.fold(lower);
    String deobfuscated = folded == null ? null : collapse(folded);
    if (text.equals(deobfuscated)) {
      deobfuscated = null;
    }
    return new NormalizedText(strippedText, text, deobfuscated, counts[0], counts[1]);
  }

  /** Normalises an already-decoded payload; no further invisible-character accounting. */
  String normalizePayload(String decoded) {
    String nfkc = Normalizer.normalize(decoded, Normalizer.Form.NFKC);
    return collapse(nfkc.toLowerCase(Locale.ROOT));
  }

  private static boolean isAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  private static String bound(String raw) {
    if (raw.length() <= MAX_SCANNED_CHARS) {
      return raw;
    }
    int head = MAX_SCANNED_CHARS - TAIL_CHARS;
    return raw.substring(0, head) + "\n" + raw.substring(raw.length() - TAIL_CHARS);
  }

  /**
   * Copies {@code in} to {@code out} without invisible format characters and with Unicode tag
   * characters decoded to the ASCII they shadow. counts[0] gets invisible characters, counts[1] tag
   * characters.
   *
   * @return whether any non-ASCII character was kept (NFKC can be skipped otherwise)
   */
  private static boolean stripInvisible(String in, StringBuilder out, int[] counts) {
    boolean nonAscii = false;
    int n = in.length();
    for (int i = 0; i < n; ) {
      int cp = in.codePointAt(i);
      int next = i + Character.charCount(cp);
      if (cp < 0x80) {
        out.append((char) cp);
      } else if (cp >= 0xE0000 && cp <= 0xE007F) {
        counts[1]++;
        if (cp >= 0xE0020 && cp <= 0xE007E) {
          out.append((char) (cp - 0xE0000));
        }
      } else if (cp == 0x200C || cp == 0x200D) {
        // Joiners are part of Indic, Arabic-script and emoji spelling; only between two Latin
        // letters are they a way to split a keyword.
        if (isAsciiLetterBefore(out) && next < n && isAsciiLetter(in.charAt(next))) {
          counts[0]++;
        }
      } else if (cp >= 0xFE00 && cp <= 0xFE0F) {
        // variation selectors: emoji presentation, dropped without counting
      } else if (isInvisible(cp)) {
        if (!(cp == 0xFEFF && i == 0)) {
          counts[0]++;
        }
      } else {
        nonAscii = true;
        out.appendCodePoint(cp);
      }
      i = next;
    }
    return nonAscii;
  }

  private static boolean isInvisible(int cp) {
    return cp == 0x00AD
        || cp == 0x034F
        || cp == 0x061C
        || cp == 0x115F
        || cp == 0x1160
        || cp == 0x17B4
        || cp == 0x17B5
        || (cp >= 0x180B && cp <= 0x180E)
        || (cp >= 0x200B && cp <= 0x200F)
        || (cp >= 0x202A && cp <= 0x202E)
        || (cp >= 0x2060 && cp <= 0x206F)
        || cp == 0x3164
        || cp == 0xFEFF
        || cp == 0xFFA0
        || (cp >= 0x1D173 && cp <= 0x1D17A);
  }

  /**
   * {@link Character#isWhitespace} with the ASCII answer inline: the token loops of the detector
   * call it once per character, and the general method's table lookup showed in profiles.
   */
  static boolean isWhitespace(char c) {
    if (c <= ' ') {
      return c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1C && c <= 0x1F);
    }
    return c >= 0x80 && Character.isWhitespace(c);
  }

  private static boolean isAsciiLetterBefore(StringBuilder out) {
    return out.length() > 0 && isAsciiLetter(out.charAt(out.length() - 1));
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  /**
   * The output buffer of {@link #collapse}, per thread: a fresh one per text was a cache miss per
   * line written. Kept only up to {@link #RETAINED_BUFFER_CHARS} (NFKC can expand a bounded text
   * many times over), so a thread holds 128 KB at worst.
   */
  private static final ThreadLocal<char[]> COLLAPSED = ThreadLocal.withInitial(() -> new char[4096]);

  private static final int RETAINED_BUFFER_CHARS = 64 * 1024;

  /** Collapses whitespace runs (one newline if the run had one) and folds typographic quotes. */
  static String collapse(String in) {
    int n = in.length();
    char[] out = COLLAPSED.get();
    if (out.length < n) {
      out = new char[Math.max(n, 2 * out.length)];
      if (out.length <= RETAINED_BUFFER_CHARS) {
        COLLAPSED.set(out);
      }
    }
    int len = 0;
    boolean inSpace = false;
    boolean sawNewline = false;
    for (int i = 0; i < n; i++) {
      char c = in.charAt(i);
      if (c > ' ' && c < 0x7F) {
        // printable ASCII: neither space nor a quote to fold, the common case
        if (inSpace) {
          if (len > 0) {
            out[len++] = sawNewline ? '\n' : ' ';
          }
          inSpace = false;
          sawNewline = false;
        }
        out[len++] = c;
        continue;
      }
      boolean newline = c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029 || c == 0x85;
      // below 0x80 the only space separator is ' ' itself
      if (newline
          || c == ' '
          || c == '\t'
          || c == 0x0B
          || c == 0x0C
          || (c >= 0x80 && Character.isSpaceChar(c))) {
        inSpace = true;
        sawNewline |= newline;
        continue;
      }
      if (inSpace) {
        if (len > 0) {
          out[len++] = sawNewline ? '\n' : ' ';
        }
        inSpace = false;
        sawNewline = false;
      }
      out[len++] = foldQuote(c);
    }
    return new String(out, 0, len);
  }

  private static char foldQuote(char c) {
    switch (c) {
      case '\u2018':
      case '\u2019':
      case '\u201A':
      case '\u201B':
      case '\u2032':
      case '\u00B4':
        return '\'';
      case '\u201C':
      case '\u201D':
      case '\u201E':
      case '\u201F':
      case '\u2033':
      case '\u00AB':
      case '\u00BB':
        return '"';
      default:
        return c;
    }
  }
}
