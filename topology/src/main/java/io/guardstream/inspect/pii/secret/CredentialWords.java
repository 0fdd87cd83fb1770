package io.guardstream.inspect.pii.secret;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Names that announce a credential: {@code password}, {@code DB_PASSWD}, {@code apiKey},
 * {@code client_secret}, {@code Authorization}. An identifier is split into its parts (snake,
 * kebab, dotted and camel case) and each part is compared, so {@code AwsSecretKey} names a secret
 * but {@code keyboard} and {@code bypass} name nothing.
 */
final class CredentialWords {

  /** What an identifier names. */
  enum Kind { NONE, PASSWORD, SECRET }

  /** Password spellings seen in configs, including the vowel-dropped ones (PSWD, PASSWRD). */
  private static final Pattern PASSWORD_PART = Pattern.compile(
      "pass(?:wo?r?ds?|phrase|code|wd|w)?|pa?s?s?w(?:o?r)?ds?|pwd|pw|pswd");
  /** Compound parts such as MYSQLPASS or ANYpassword end with one of these. */
  private static final String[] PASSWORD_SUFFIXES =
      {"password", "passwd", "pass", "pwd", "pswd", "passphrase"};
  private static final Set<String> NOT_PASSWORD =
      Set.of("bypass", "compass", "surpass", "overpass", "underpass", "trespass", "encompass", "impass");
  /**
   * A last part that makes the name about the credential rather than the credential itself:
   * {@code password_id}, {@code token_type}, {@code apiVersion}, {@code secret_name}.
   */
  private static final Set<String> DESCRIPTIVE_LAST_PARTS = Set.of(
      "id", "ids", "type", "types", "name", "names", "field", "label", "length", "len", "policy",
      "count", "min", "max", "enabled", "required", "file", "path", "url", "uri", "hint", "prompt",
      "reset", "expiry", "expires", "expiration", "format", "regex", "rule", "rules", "version",
      "endpoint", "header", "param", "provider", "mode", "size", "ttl", "timeout", "store", "manager",
      "service", "location", "dir", "ref", "strength");
  private static final Set<String> SECRET_PARTS = Set.of(
      "secret", "secrets", "token", "tokens", "key", "apikey", "api", "accesskey", "secretkey",
      "privatekey", "authkey", "masterkey", "signingkey", "clientsecret", "appsecret", "auth",
      "authorization", "authentication", "credential", "credentials", "cred", "creds", "bearer",
      "oauth", "signature", "sig", "accesstoken", "refreshtoken", "sessiontoken", "session", "cookie");
  private static final String[] SECRET_SUFFIXES = {"secret", "token", "apikey", "credential", "credentials"};
  /**
   * Cheap pre-check so ordinary words are never split: every keyword contains one of these
   * (pswd, paswd and pssword included).
   */
  private static final String[] HINTS = {
    "pw", "pass", "psw", "pssw", "pasw", "secret", "token", "key", "api", "auth", "cred", "bearer", "sig",
    "session", "cookie", "u ", "user ", "secure",
  };
  /** First letters of the hints, for a one-comparison skip of every other character. */
  private static final boolean[] HINT_START = new boolean[128];
  /** The hints by first letter, shortest first: most letters start one or two of them. */
  private static final String[][] HINTS_BY_START = new String[128][];
  /**
   * The first two letters of the hints, as first * 128 + second, mapped to 1 + the pair's index
   * in {@link #THIRD_LOW} and {@link #THIRD_HIGH}; 0 where no hint starts so. One load per char
   * turns away most positions of a text: the letters hints start with are common, pairs less so.
   */
  private static final byte[] HINT_PAIR = new byte[128 * 128];
  /** Per pair, the third letters of its longer hints, as a mask of chars 0-63 and one of 64-127. */
  private static final long[] THIRD_LOW = new long[HINTS.length];
  private static final long[] THIRD_HIGH = new long[HINTS.length];
  /** Per pair, true when the pair is a whole hint ("pw", "u "): any third char, or none, will do. */
  private static final boolean[] WHOLE_PAIR = new boolean[HINTS.length];

  static {
    int pairs = 0;
    for (String hint : HINTS) {
      HINT_START[hint.charAt(0)] = true;
      int pair = hint.charAt(0) * 128 + hint.charAt(1);
      if (HINT_PAIR[pair] == 0) {
        HINT_PAIR[pair] = (byte) ++pairs;
      }
      int id = HINT_PAIR[pair] - 1;
      if (hint.length() == 2) {
        WHOLE_PAIR[id] = true;
      } else if (hint.charAt(2) < 64) {
        THIRD_LOW[id] |= 1L << hint.charAt(2);
      } else {
        THIRD_HIGH[id] |= 1L << (hint.charAt(2) - 64);
      }
    }
    for (char c = 0; c < 128; c++) {
      char first = c;
      HINTS_BY_START[c] = Arrays.stream(HINTS).filter(h -> h.charAt(0) == first)
          .sorted(Comparator.comparingInt(String::length)).toArray(String[]::new);
    }
  }

  private static final Set<String> KEYWORDS = Set.of(
      "password", "passwd", "pwd", "pass", "secret", "token", "key", "apikey", "api_key", "credential",
      "credentials", "auth", "bearer", "passphrase");

  private CredentialWords() {}

  static Kind classify(String text, int from, int to) {
    return mayContainKeyword(text, from, to) ? classifyHinted(text, from, to) : Kind.NONE;
  }

  /** {@link #classify} for a name already known to contain a keyword hint. */
  static Kind classifyHinted(String text, int from, int to) {
    List<String> parts = parts(text, from, to);
    if (parts.isEmpty() || (parts.size() > 1 && DESCRIPTIVE_LAST_PARTS.contains(parts.get(parts.size() - 1)))) {
      return Kind.NONE;
    }
    if (parts.size() >= 2 && parts.get(parts.size() - 2).equals("secure") && parts.get(parts.size() - 1).equals("string")) {
      return Kind.PASSWORD; // ConvertTo-SecureString "..." takes a password in clear
    }
    Kind kind = Kind.NONE;
    for (String part : parts) {
      if (isPasswordPart(part)) {
        return Kind.PASSWORD;
      }
      if (SECRET_PARTS.contains(part) || endsWithAny(part, SECRET_SUFFIXES)) {
        kind = Kind.SECRET;
      }
    }
    return kind;
  }

  private static boolean isPasswordPart(String part) {
    return !NOT_PASSWORD.contains(part)
        && (PASSWORD_PART.matcher(part).matches() || endsWithAny(part, PASSWORD_SUFFIXES));
  }

  /** True for values that are themselves keywords: "password", "SECRET", "api_key". */
  static boolean isKeyword(String value) {
    return KEYWORDS.contains(value.toLowerCase(Locale.ROOT));
  }

  /** True when the value merely names a credential: {@code config.db_password}, {@code my-token}. */
  static boolean mentionsKeyword(CharSequence s, int from, int to) {
    return SecretValues.containsIgnoreCase(s, from, to, "password")
        || SecretValues.containsIgnoreCase(s, from, to, "passwd")
        || SecretValues.containsIgnoreCase(s, from, to, "secret")
        || SecretValues.containsIgnoreCase(s, from, to, "token");
  }

  /** True when text[from, to) contains a keyword hint; one pass, letters compared case-insensitively. */
  static boolean mayContainKeyword(String text, int from, int to) {
    for (int i = from; i + 1 < to; i++) {
      char c = (char) (text.charAt(i) | 0x20);
      if (c >= 128 || !HINT_START[c]) {
        continue;
      }
      char second = (char) (text.charAt(i + 1) | 0x20);
      for (String hint : HINTS) {
        if (hint.charAt(0) == c && hint.charAt(1) == second && i + hint.length() <= to
            && matchesLowerAscii(text, i + 2, hint)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Every place a keyword hint starts in {@code text}, in one pass: {@code hints[k]} is the
   * position and {@code hints[k + 1]} the length of the shortest hint there. A recogniser that asks
   * about every identifier of a text walks this list instead of rescanning each identifier.
   */
  static int[] hints(String text) {
    int n = text.length();
    int[] found = new int[16];
    int count = 0;
    char second = n > 0 ? (char) (text.charAt(0) | 0x20) : 0;
    for (int i = 0; i + 1 < n; i++) {
      char c = second;
      second = (char) (text.charAt(i + 1) | 0x20);
      if (c >= 128 || second >= 128) {
        continue;
      }
      int id = HINT_PAIR[c * 128 + second] - 1;
      if (id < 0) {
        continue;
      }
      if (!WHOLE_PAIR[id]) {
        // a longer hint needs its third letter here
        char third = i + 2 < n ? (char) (text.charAt(i + 2) | 0x20) : 128;
        long mask = third < 64 ? THIRD_LOW[id] : third < 128 ? THIRD_HIGH[id] : 0;
        if ((mask & (1L << third)) == 0) {
          continue;
        }
      }
      int shortest = 0;
      for (String hint : HINTS_BY_START[c]) {
        if (hint.charAt(1) == second && i + hint.length() <= n && matchesLowerAscii(text, i + 2, hint)) {
          shortest = hint.length();
          break;
        }
      }
      if (shortest > 0) {
        if (count == found.length) {
          found = Arrays.copyOf(found, count * 2);
        }
        found[count++] = i;
        found[count++] = shortest;
      }
    }
    return Arrays.copyOf(found, count);
  }

  private static boolean matchesLowerAscii(String text, int at, String hint) {
    for (int k = 2; k < hint.length(); k++) {
      if ((text.charAt(at + k - 2) | 0x20) != hint.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  /** Lower-case parts of an identifier: split at non-letters-or-digits and at lower-to-upper steps. */
  static List<String> parts(String text, int from, int to) {
    List<String> parts = new ArrayList<>(4);
    int start = from;
    for (int i = from; i <= to; i++) {
      boolean boundary = i == to || !Character.isLetterOrDigit(text.charAt(i))
          || (i > start && Character.isLowerCase(text.charAt(i - 1)) && Character.isUpperCase(text.charAt(i)));
      if (boundary) {
        if (i > start) {
          parts.add(text.substring(start, i).toLowerCase(Locale.ROOT));
        }
        start = i < to && Character.isLetterOrDigit(text.charAt(i)) ? i : i + 1;
      }
    }
    return parts;
  }

  private static boolean endsWithAny(String part, String[] suffixes) {
    for (String suffix : suffixes) {
      if (part.endsWith(suffix)) {
        return true;
      }
    }
    return false;
  }
}
