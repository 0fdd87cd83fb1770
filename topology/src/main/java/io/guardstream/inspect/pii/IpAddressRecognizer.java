package io.guardstream.inspect.pii;

import java.util.List;

/**
 * IPv4 and IPv6 addresses, parsed rather than pattern-matched: each IPv4 octet is at most 255 and
 * an IPv6 address has eight groups or one "::". Version strings (1.2.3.4.5) and clock times
 * (10:30:00) fail the parse.
 */
public final class IpAddressRecognizer implements EntityRecognizer {

  public static final String TYPE = "IP_ADDRESS";
  private static final double SCORE = 0.6;
  private static final double SCORE_WITH_CONTEXT = 0.85;
  private static final ContextWords CONTEXT =
      ContextWords.of("ip", "ipv4", "ipv6", "address", "host", "server", "client", "from", "connect",
          "blocked", "gateway", "dns", "subnet");

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public boolean mightMatch(TextProfile profile) {
    // a dotted quad has a '.' between digits; an IPv6 address is only looked for with two colons
    return profile.digits() >= 4 && profile.hasDotBetweenDigits() || profile.colons() >= 2;
  }

  @Override
  public void detect(String text, TextProfile profile, List<Candidate> out) {
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (!Chars.isHex(c) && c != ':') {
        continue;
      }
      char prev = i == 0 ? ' ' : text.charAt(i - 1);
      if (Character.isLetterOrDigit(prev) || prev == '.' || prev == ':' || prev == '_') {
        continue;
      }
      int end = Chars.isDigit(c) ? ipv4End(text, i) : -1;
      if (end < 0 && profile.colons() >= 2) {
        end = ipv6End(text, i);
      }
      if (end > 0) {
        double score = CONTEXT.near(text, i, end, 30, 20) ? SCORE_WITH_CONTEXT : SCORE;
        out.add(new Candidate(TYPE, i, end, score));
        i = end;
      }
    }
  }

  /** End of a dotted-quad starting at i, or -1. */
  static int ipv4End(String text, int i) {
    int n = text.length();
    int pos = i;
    for (int octet = 0; octet < 4; octet++) {
      int value = 0;
      int digits = 0;
      while (pos < n && Chars.isDigit(text.charAt(pos)) && digits < 4) {
        value = value * 10 + (text.charAt(pos) - '0');
        digits++;
        pos++;
      }
      if (digits == 0 || digits > 3 || value > 255) {
        return -1;
      }
      if (octet < 3) {
        if (pos >= n || text.charAt(pos) != '.') {
          return -1;
        }
        pos++;
      }
    }
    if (pos < n) {
      char next = text.charAt(pos);
      if (Character.isLetterOrDigit(next) || next == '_') {
        return -1;
      }
      if (next == '.' && pos + 1 < n && Chars.isDigit(text.charAt(pos + 1))) {
        return -1; // a fifth component: a version number or an OID
      }
    }
    return pos;
  }

  /** End of an IPv6 address starting at i, or -1. */
  static int ipv6End(String text, int i) {
    int n = text.length();
    if (!colonWithin(text, i, 5)) {
      return -1; // the first group has at most four hex digits
    }
    int end = i;
    while (end < n && (Chars.isHex(text.charAt(end)) || text.charAt(end) == ':' || text.charAt(end) == '.')) {
      end++;
    }
    if (end < n && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
      return -1;
    }
    while (end > i && text.charAt(end - 1) == '.') {
      end--;
    }
    if (end - i >= 2 && text.charAt(end - 1) == ':' && text.charAt(end - 2) != ':') {
      end--; // a colon ending a sentence ("address fe80::1:"), not part of the address
    }
    return isIpv6(text, i, end) ? end : -1;
  }

  /**
   * True when a ':' occurs in text[i, i + reach). Looked for only that far: this runs at every
   * word that starts with a hex letter, and a search to the next colon of the text made the scan
   * quadratic in prose with a colon near its end.
   */
  private static boolean colonWithin(String text, int i, int reach) {
    for (int k = i, end = Math.min(text.length(), i + reach); k < end; k++) {
      if (text.charAt(k) == ':') {
        return true;
      }
    }
    return false;
  }

  static boolean isIpv6(String s, int from, int to) {
    if (to - from < 6) {
      return false;
    }
    int groups = 0;
    int nonEmpty = 0;
    boolean compressed = false;
    int pos = from;
    if (s.startsWith("::", pos)) {
      compressed = true;
      pos += 2;
    }
    while (pos < to) {
      int groupStart = pos;
      while (pos < to && Chars.isHex(s.charAt(pos)) && pos - groupStart < 5) {
        pos++;
      }
      int len = pos - groupStart;
      if (pos < to && s.charAt(pos) == '.') {
        // embedded IPv4 tail, as in ::ffff:192.0.2.1; it counts as two groups
        int v4End = ipv4End(s.substring(0, to), groupStart);
        if (v4End != to) {
          return false;
        }
        groups += 2;
        nonEmpty += 2;
        pos = to;
        break;
      }
      if (len == 0 || len > 4) {
        return false;
      }
      groups++;
      nonEmpty++;
      if (pos == to) {
        break;
      }
      if (s.charAt(pos) != ':') {
        return false;
      }
      pos++;
      if (pos < to && s.charAt(pos) == ':') {
        if (compressed) {
          return false; // at most one "::"
        }
        compressed = true;
        pos++;
      } else if (pos == to) {
        return false; // a single trailing colon
      }
    }
    if (nonEmpty < 3) {
      return false; // "a::b" is more often C++ than an address
    }
    return compressed ? groups < 8 : groups == 8;
  }
}
