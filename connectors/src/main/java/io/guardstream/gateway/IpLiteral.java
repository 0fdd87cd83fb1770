package io.guardstream.gateway;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Parses IP address literals without ever asking DNS: {@link InetAddress#getByName} resolves
 * anything that is not a literal, and an {@code X-Forwarded-For} value is attacker-chosen text, so
 * a lookup there would let any client make the gateway query DNS for names of its choosing.
 */
final class IpLiteral {

  private IpLiteral() {}

  /**
   * The address, or null when {@code text} is not an IPv4 dotted quad or an IPv6 literal. Accepts
   * the forms proxies write: {@code [v6]}, {@code [v6]:port} and {@code v4:port}.
   */
  static InetAddress parse(String text) {
    if (text == null) {
      return null;
    }
    String s = text.trim();
    if (s.startsWith("[")) {
      int close = s.indexOf(']');
      return close < 0 ? null : parseV6(s.substring(1, close));
    }
    int colon = s.indexOf(':');
    if (colon < 0) {
      return parseV4(s);
    }
    if (s.indexOf(':', colon + 1) < 0) {
      return parseV4(s.substring(0, colon));
    }
    return parseV6(s);
  }

  private static InetAddress parseV4(String s) {
    byte[] bytes = new byte[4];
    int part = 0;
    int value = -1;
    for (int i = 0; i <= s.length(); i++) {
      char c = i == s.length() ? '.' : s.charAt(i);
      if (c == '.') {
        if (value < 0 || part == 4) {
          return null;
        }
        bytes[part++] = (byte) value;
        value = -1;
      } else if (c >= '0' && c <= '9') {
        value = (value < 0 ? 0 : value * 10) + (c - '0');
        if (value > 255) {
          return null;
        }
      } else {
        return null;
      }
    }
    return part == 4 ? byAddress(bytes) : null;
  }

  private static InetAddress parseV6(String s) {
    if (s.isEmpty() || s.length() > 45) {
      return null;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean allowed = c == ':' || c == '.' || Character.digit(c, 16) >= 0;
      if (!allowed) {
        return null;
      }
    }
    try {
      // with a colon in it, getByName parses an IPv6 literal and never resolves (JDK InetAddress)
      return InetAddress.getByName(s);
    } catch (UnknownHostException e) {
      return null;
    }
  }

  private static InetAddress byAddress(byte[] bytes) {
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("four bytes are always an IPv4 address", e);
    }
  }
}
