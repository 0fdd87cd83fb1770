package io.guardstream.inspect.masking;

import io.guardstream.inspect.pii.Chars;
import java.util.function.IntPredicate;

/**
 * The {@code partial} operator: keeps the part of a value that people use to recognise their own
 * (the last digits of a card, the domain of an email) and stars out the rest. Each type keeps no
 * more than its industry convention (PCI DSS allows the last four digits of a card; US agencies show
 * the last four of an SSN). A value whose shape does not fit its type, and every type without a
 * safe partial form (names of places, addresses, organisations, dates, secrets), gets {@code null}:
 * the caller then writes the type tag. The result never contains the whole value.
 */
final class PartialMask {

  private static final char STAR = '*';
  private static final IntPredicate DIGIT = c -> Chars.isDigit((char) c);
  private static final IntPredicate ALPHANUMERIC = c -> Chars.isAsciiAlnum((char) c);

  private PartialMask() {}

  /** The partial form of {@code value}, or null when the type has none or the value does not fit it. */
  static String of(String type, String value) {
    String partial = switch (type) {
      case "US_SSN" -> ssn(value);
      case "CREDIT_CARD" -> digitsExceptLast(value, 4, 12, 19);
      // short local numbers keep two digits: four of seven would be most of the number
      case "PHONE_NUMBER" -> digitsExceptLast(value, Chars.countDigits(value) >= 10 ? 4 : 2, 7, 15);
      case "EMAIL_ADDRESS" -> email(value);
      case "IBAN_CODE" -> iban(value);
      case "US_BANK_NUMBER", "US_DRIVER_LICENSE", "US_PASSPORT" -> alphanumericsExceptLast(value, 4, 8);
      case "CRYPTO" -> value.length() >= 20 ? "***" + value.substring(value.length() - 4) : null;
      case "IP_ADDRESS" -> ipAddress(value);
      case "URL" -> url(value);
      case "PERSON" -> initials(value);
      default -> null;
    };
    // a safety net for odd values (an email whose local part is stars): never give the value back
    return partial == null || partial.contains(value) ? null : partial;
  }

  /** {@code ***-**-6789}: the last four digits of a nine-digit SSN. */
  private static String ssn(String value) {
    if (Chars.countDigits(value) != 9) {
      return null;
    }
    return "***-**-" + lastDigits(value, 4);
  }

  /** Every digit except the last {@code keep} becomes a star; separators and a leading '+' stay. */
  private static String digitsExceptLast(String value, int keep, int minDigits, int maxDigits) {
    int digits = Chars.countDigits(value);
    return digits < minDigits || digits > maxDigits ? null : starredExceptLast(value, keep, digits, DIGIT);
  }

  /** Letters and digits except the last {@code keep} become stars, when there are at least {@code min}. */
  private static String alphanumericsExceptLast(String value, int keep, int min) {
    int count = count(value, ALPHANUMERIC);
    return count < min ? null : starredExceptLast(value, keep, count, ALPHANUMERIC);
  }

  /** @param total how many characters of {@code value} are {@code starred} */
  private static String starredExceptLast(String value, int keep, int total, IntPredicate starred) {
    StringBuilder out = new StringBuilder(value.length());
    int seen = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      out.append(starred.test(c) && ++seen <= total - keep ? STAR : c);
    }
    return out.toString();
  }

  /** {@code j***@example.com}: the first character of the local part and the domain. */
  private static String email(String value) {
    int at = value.lastIndexOf('@');
    if (at <= 0 || at == value.length() - 1) {
      return null;
    }
    int first = value.offsetByCodePoints(0, 1);
    return value.substring(0, first) + "***" + value.substring(at);
  }

  /** {@code DE** **** **** **** **30 00}: the country code and the last four characters. */
  private static String iban(String value) {
    if (count(value, ALPHANUMERIC) < 15 || value.length() < 2) {
      return null;
    }
    String tail = alphanumericsExceptLast(value.substring(2), 4, 13);
    return tail == null ? null : value.substring(0, 2) + tail;
  }

  /** {@code 203.0.*.*} for IPv4 and {@code 2001:db8:*} for IPv6: the network, not the host. */
  private static String ipAddress(String value) {
    int colon = value.indexOf(':');
    if (colon > 0) {
      int second = value.indexOf(':', colon + 1);
      return second > colon + 1 ? value.substring(0, second) + ":*" : null;
    }
    int dot = value.indexOf('.');
    int second = dot < 0 ? -1 : value.indexOf('.', dot + 1);
    if (second < 0 || value.indexOf('.', second + 1) < 0) {
      return null;
    }
    return value.substring(0, second) + ".*.*";
  }

  /** {@code https://example.com/***}: scheme and host; user info, path and query are dropped. */
  private static String url(String value) {
    int scheme = value.indexOf("://");
    if (scheme <= 0) {
      return null;
    }
    int hostStart = scheme + 3;
    int hostEnd = hostStart;
    while (hostEnd < value.length() && "/?#".indexOf(value.charAt(hostEnd)) < 0) {
      hostEnd++;
    }
    int at = value.lastIndexOf('@', hostEnd - 1);
    if (at >= hostStart) {
      hostStart = at + 1; // never keep "user:password@"
    }
    if (hostEnd >= value.length() - 1 || hostStart >= hostEnd) {
      return null; // nothing after the host: the host alone would be the whole value
    }
    return value.substring(0, scheme + 3) + value.substring(hostStart, hostEnd) + "/***";
  }

  /** {@code J. D.}: initials, when every part of the name has at least two letters. */
  private static String initials(String value) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    int n = value.length();
    while (i < n) {
      while (i < n && Character.isWhitespace(value.charAt(i))) {
        i++;
      }
      if (i == n) {
        break;
      }
      int start = i;
      int letters = 0;
      while (i < n && !Character.isWhitespace(value.charAt(i))) {
        int cp = value.codePointAt(i);
        letters += Character.isLetter(cp) ? 1 : 0;
        i += Character.charCount(cp);
      }
      if (letters < 2 || !Character.isLetter(value.codePointBefore(i))) {
        return null; // "J." or "J" would come back whole
      }
      if (out.length() > 0) {
        out.append(' ');
      }
      out.appendCodePoint(value.codePointAt(start)).append('.');
    }
    return out.length() == 0 ? null : out.toString();
  }

  private static String lastDigits(String value, int n) {
    StringBuilder out = new StringBuilder(n);
    for (int i = value.length() - 1; i >= 0 && out.length() < n; i--) {
      if (Chars.isDigit(value.charAt(i))) {
        out.append(value.charAt(i));
      }
    }
    return out.reverse().toString();
  }

  private static int count(String value, IntPredicate which) {
    int n = 0;
    for (int i = 0; i < value.length(); i++) {
      if (which.test(value.charAt(i))) {
        n++;
      }
    }
    return n;
  }
}
