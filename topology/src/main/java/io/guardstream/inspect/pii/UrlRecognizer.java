package io.guardstream.inspect.pii;

import java.util.List;

/** URLs with a scheme ({@code https://...}) or starting with {@code www.}. */
public final class UrlRecognizer implements EntityRecognizer {

  public static final String TYPE = "URL";
  private static final double SCORE = 0.6;
  private static final int MAX_SCHEME = 20;

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public boolean mightMatch(TextProfile profile) {
    return profile.letters() >= 4;
  }

  @Override
  public void detect(String text, TextProfile profile, List<Candidate> out) {
    for (int sep = text.indexOf("://"); sep >= 0; sep = text.indexOf("://", sep + 3)) {
      int start = sep;
      while (start > 0 && sep - start < MAX_SCHEME && isSchemeChar(text.charAt(start - 1))) {
        start--;
      }
      while (start < sep && !Chars.isAsciiLetter(text.charAt(start))) {
        start++;
      }
      if (sep - start < 2) {
        continue;
      }
      addIfHost(text, start, sep + 3, out);
    }
    findWww(text, "www.", out);
    findWww(text, "WWW.", out);
  }

  private static void findWww(String text, String www, List<Candidate> out) {
    for (int at = text.indexOf(www); at >= 0; at = text.indexOf(www, at + 4)) {
      if (Chars.wordStartsAt(text, at) && (at == 0 || text.charAt(at - 1) != '/')
          && (at == 0 || text.charAt(at - 1) != '.')) {
        addIfHost(text, at, at, out);
      }
    }
  }

  private static void addIfHost(String text, int start, int hostStart, List<Candidate> out) {
    int end = hostStart;
    int n = text.length();
    while (end < n && isUrlChar(text.charAt(end))) {
      end++;
    }
    end = trimTrailingPunctuation(text, start, end);
    int hostEnd = hostStart;
    boolean dotted = false;
    while (hostEnd < end && "/?#".indexOf(text.charAt(hostEnd)) < 0) {
      dotted |= text.charAt(hostEnd) == '.' || text.charAt(hostEnd) == ':';
      hostEnd++;
    }
    if (hostEnd > hostStart && (dotted || text.startsWith("localhost", hostStart))) {
      out.add(new Candidate(TYPE, start, end, SCORE));
    }
  }

  /** Sentence punctuation after a URL is not part of it; an unbalanced ')' closes a parenthesis. */
  private static int trimTrailingPunctuation(String text, int start, int end) {
    int open = 0;
    int close = 0;
    for (int i = start; i < end; i++) {
      open += text.charAt(i) == '(' ? 1 : 0;
      close += text.charAt(i) == ')' ? 1 : 0;
    }
    while (end > start) {
      char c = text.charAt(end - 1);
      if (".,;:!?'\"".indexOf(c) >= 0) {
        end--;
      } else if (c == ')' && close > open) {
        end--;
        close--;
      } else {
        break;
      }
    }
    return end;
  }

  private static boolean isSchemeChar(char c) {
    return Chars.isAsciiAlnum(c) || c == '+' || c == '.' || c == '-';
  }

  private static boolean isUrlChar(char c) {
    return c > ' ' && "\"'<>`{}|\\^".indexOf(c) < 0 && c != 0x7f && !Character.isWhitespace(c);
  }

  static int indexOfIgnoreCase(String text, String needle, int from) {
    int last = text.length() - needle.length();
    char first = needle.charAt(0);
    for (int i = Math.max(0, from); i <= last; i++) {
      if ((text.charAt(i) | 0x20) == first && text.regionMatches(true, i, needle, 0, needle.length())) {
        return i;
      }
    }
    return -1;
  }
}
