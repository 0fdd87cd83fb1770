package io.guardstream.inspect.pii.secret;

import io.guardstream.inspect.pii.Candidate;
import io.guardstream.inspect.pii.Chars;
import io.guardstream.inspect.pii.EntityRecognizer;
import io.guardstream.inspect.pii.TextProfile;
import io.guardstream.inspect.pii.secret.CredentialWords.Kind;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A credential assigned to a name that announces it: {@code password=...}, {@code pwd: ...},
 * {@code "apiKey": "..."}, {@code --password ...}, {@code #define PASSWORD "..."},
 * {@code Authorization: Bearer ...}, {@code <password>...</password>}, and in prose
 * "my password is ...". Only the value is reported, so a masked text still says what was there.
 *
 * <p>Passwords are accepted when they carry a digit or a symbol (or are long and mixed case);
 * values for keys, tokens and secrets must look random (length, character classes, entropy).
 * Placeholders, template variables and code references ({@code ${DB_PASSWORD}},
 * {@code os.environ.get(...)}, {@code "string"}) are rejected.
 */
public final class CredentialAssignmentRecognizer implements EntityRecognizer {

  public static final String TYPE = "SECRET";
  private static final double PASSWORD_SCORE = 0.85;
  private static final double SECRET_SCORE = 0.8;
  private static final int MAX_VALUE = 256;
  /** Longer runs are data (base64, hashes), not names. */
  private static final int MAX_NAME = 64;
  private static final int MIN_PASSWORD = 4;
  private static final int MIN_SECRET = 10;
  /** A value that only follows a space ("Bearer abc...", "token abc...") must be longer to count. */
  private static final int MIN_LOOSE_SECRET = 20;
  /** A full uuencoded line: the length character and 60 characters for 45 bytes. */
  private static final int UUENCODED_LINE = 61;

  private static final String[] SEPARATORS =
      {"!==", "===", "!=", "==", ":=", "=>", "->", "=", ":", "%3D", "%3d"};
  private static final String[] FALLBACK_OPERATORS = {"or ", "||", "??", "?:"};
  private static final Set<String> AUTH_SCHEMES =
      Set.of("bearer", "basic", "token", "ntlm", "digest", "negotiate", "apikey");
  private static final Set<String> NOT_VALUES = Set.of(
      "null", "none", "nil", "true", "false", "undefined", "string", "str", "int", "text", "required",
      "optional", "hidden", "empty", "value", "n/a", "na", "tbd", "todo", "default", "unknown",
      "username");

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public boolean mightMatch(TextProfile profile) {
    return profile.letters() >= 6;
  }

  @Override
  public void detect(String text, TextProfile profile, List<Candidate> out) {
    int n = text.length();
    int[] hints = CredentialWords.hints(text);
    if (hints.length == 0 || !inIdentifier(text, hints) && text.indexOf("-u") < 0) {
      return; // no name in the text can announce a credential, nor a -u/--user flag
    }
    int nextHint = 0;
    int i = 0;
    while (i < n) {
      if (!isIdentifierChar(text.charAt(i))) {
        i++;
        continue;
      }
      int runEnd = i;
      while (runEnd < n && isIdentifierChar(text.charAt(runEnd))) {
        runEnd++;
      }
      int idStart = i;
      while (idStart < runEnd && (text.charAt(idStart) == '-' || text.charAt(idStart) == '$')) {
        idStart++;
      }
      int idEnd = runEnd;
      while (idEnd > idStart && text.charAt(idEnd - 1) == '.') {
        idEnd--;
      }
      int found = out.size();
      if (idEnd > idStart && idEnd - idStart <= MAX_NAME) {
        boolean cliFlag = idStart > i && text.charAt(i) == '-';
        while (nextHint < hints.length && hints[nextHint] < idStart) {
          nextHint += 2;
        }
        Kind kind = hinted(hints, nextHint, idEnd) ? CredentialWords.classifyHinted(text, idStart, idEnd) : Kind.NONE;
        if (kind != Kind.NONE && !isUuencodedLine(text, i)) {
          findValue(text, i, idStart, idEnd, kind, cliFlag, out);
        } else if (cliFlag && isUserFlag(text, i, idStart, idEnd)) {
          userPassword(text, skipBlanks(text, idEnd), out);
        }
      }
      // a value is never itself a name: continue after it ("Authorization: Bearer x" once)
      i = out.size() > found ? Math.max(runEnd, out.get(out.size() - 1).end()) : runEnd;
    }
  }

  /**
   * True when some hint can lie inside an identifier: one ending with a space ("u " of "you ")
   * never can, so it only keeps the scan going for the {@code -u} flag.
   */
  private static boolean inIdentifier(String text, int[] hints) {
    for (int k = 0; k < hints.length; k += 2) {
      if (text.charAt(hints[k] + hints[k + 1] - 1) != ' ') {
        return true;
      }
    }
    return false;
  }

  /** True when a hint from {@code hints[first]} on lies wholly before {@code end}. */
  private static boolean hinted(int[] hints, int first, int end) {
    for (int k = first; k < hints.length && hints[k] + 1 < end; k += 2) {
      if (hints[k] + hints[k + 1] <= end) {
        return true;
      }
    }
    return false;
  }

  private static void findValue(String text, int runStart, int idStart, int idEnd, Kind kind,
      boolean cliFlag, List<Candidate> out) {
    int n = text.length();
    if (runStart > 0 && text.charAt(runStart - 1) == '<') {
      xmlElementValue(text, idEnd, kind, out);
      return;
    }
    int p = idEnd;
    if (p < n && (text.charAt(p) == '"' || text.charAt(p) == '\'') && runStart > 0
        && text.charAt(runStart - 1) == text.charAt(p)) {
      p++; // the closing quote of a quoted key: "password": "..."
    }
    int q = skipBlanks(text, p);
    // login pairs are about passwords; a secret's base64 may hold '/' of its own
    char pairSeparator = kind == Kind.PASSWORD ? pairSeparator(text, runStart) : 0;
    for (String sep : SEPARATORS) {
      if (text.startsWith(sep, q)) {
        if (sep.equals(":") && q + 1 < n && text.charAt(q + 1) == ':') {
          return; // C++ scope, not an assignment
        }
        int v = skipBlanks(text, q + sep.length());
        if (sep.equals(":")) {
          v = skipTypeAnnotation(text, v); // passwd: str = "...", val password: String = "..."
        }
        if (pairSeparator != 0 && pairedValue(text, v, pairSeparator)) {
          return; // ID/PW: name/secret
        }
        value(text, v, kind, sep.charAt(0) == '%' ? Mode.URL_ENCODED : Mode.ASSIGNED, out);
        return;
      }
    }
    if (q >= n) {
      return;
    }
    char c = text.charAt(q);
    if (c == ',') {
      int v = skipBlanks(text, q + 1);
      if (v < n && isQuote(text, v) && isCallArgument(text, runStart, p)) {
        value(text, v, kind, Mode.QUOTED_ONLY, out); // CURLOPT_PASSWORD, "..." / define('PASSWORD', '...')
      }
      return;
    }
    if (q == p) {
      return;
    }
    if (isQuote(text, q)) {
      value(text, q, kind, Mode.QUOTED_ONLY, out); // #define PASSWORD "..."
    } else if (cliFlag && (kind == Kind.SECRET || namesPasswordInFull(text, idStart, idEnd))) {
      value(text, q, kind, Mode.ASSIGNED, out); // --password s3cret
    } else if (text.regionMatches(true, q, "is ", 0, 3)) {
      value(text, skipBlanks(text, q + 3), kind, Mode.PROSE, out); // my password is ...
    } else if (kind == Kind.SECRET) {
      value(text, q, kind, Mode.LOOSE, out); // Bearer abc..., token abc...
    }
  }

  /**
   * The separator when the name is the second half of a two-field key ({@code ID/PW},
   * {@code user/pass}, {@code ID:PW}), else 0.
   */
  private static char pairSeparator(String text, int runStart) {
    if (runStart < 2) {
      return 0;
    }
    char sep = text.charAt(runStart - 1);
    return (sep == '/' || sep == ':') && isIdentifierChar(text.charAt(runStart - 2)) ? sep : 0;
  }

  /**
   * True when the value has the two-field shape its key announced ({@code master/s3cr3t}): the
   * "ID/PW: name/password" line of a how-to, which documents a login rather than configures
   * one. Secret scanners' default scans (CredSweeper's, whose doc mode handles these) leave
   * such lines to a documentation review, and so do we: the pair is not one credential value.
   */
  private static boolean pairedValue(String text, int v, char separator) {
    for (int i = v; i < text.length() && i - v <= MAX_VALUE; i++) {
      char c = text.charAt(i);
      if (c == separator) {
        return i > v;
      }
      if (Character.isWhitespace(c) || c == ',' || c == ';') {
        return false;
      }
    }
    return false;
  }

  /**
   * True for a flag spelled out as a password ({@code --password}, {@code -Password},
   * {@code --db-passphrase}). Abbreviated flags followed by a bare word ({@code -pw x},
   * {@code --pass x}, {@code -p 5432}) mean different things in different tools (a port, a
   * profile, openssl's pass-phrase source), so they count only with an explicit {@code =} or
   * {@code :}, which is handled before this.
   */
  private static boolean namesPasswordInFull(String text, int idStart, int idEnd) {
    return SecretValues.containsIgnoreCase(text, idStart, idEnd, "password")
        || SecretValues.containsIgnoreCase(text, idStart, idEnd, "passphrase");
  }

  /**
   * True when the line holding {@code at} is a line of uuencoded data: 61 characters, the
   * length character 'M' (45 bytes) first and every character in the uuencode alphabet
   * (space to backquote) with punctuation throughout. A keyword in it ({@code ]PW:2Z.Q}) is
   * chance, not a name.
   */
  static boolean isUuencodedLine(String text, int at) {
    int start = at;
    while (start > 0 && text.charAt(start - 1) != '\n') {
      start--;
    }
    int end = at;
    while (end < text.length() && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
      end++;
    }
    if (end - start != UUENCODED_LINE || text.charAt(start) != 'M') {
      return false;
    }
    int symbols = 0;
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (c < ' ' || c > '`') {
        return false;
      }
      symbols += Chars.isAsciiAlnum(c) ? 0 : 1;
    }
    return symbols * 4 >= UUENCODED_LINE; // 28 of its 64 symbols are punctuation; config lines have few
  }

  /**
   * True when the name is a call argument, {@code f(x, CURLOPT_PASSWORD, "...")} or
   * {@code define('PASSWORD', '...')}, not a key in a JSON list of pairs.
   */
  private static boolean isCallArgument(String text, int runStart, int afterName) {
    boolean quoted = afterName > 0 && (text.charAt(afterName - 1) == '"' || text.charAt(afterName - 1) == '\'');
    if (!quoted) {
      return true;
    }
    int before = runStart - 2;
    while (before >= 0 && text.charAt(before) == ' ') {
      before--;
    }
    return before >= 0 && text.charAt(before) == '(';
  }

  /** {@code -u} or {@code --user}, as curl, wget and many CLIs take {@code user:password}. */
  private static boolean isUserFlag(String text, int runStart, int idStart, int idEnd) {
    int dashes = idStart - runStart;
    return (dashes == 1 && idEnd - idStart == 1 && text.charAt(idStart) == 'u')
        || (dashes == 2 && text.regionMatches(idStart, "user", 0, 4) && idEnd - idStart == 4);
  }

  /** The password of a {@code user:password} argument. */
  private static void userPassword(String text, int v, List<Candidate> out) {
    if (v >= text.length() || v == 0 || text.charAt(v - 1) != ' ') {
      return;
    }
    boolean quoted = text.charAt(v) == '"' || text.charAt(v) == '\'';
    int start = quoted ? v + 1 : v;
    int end = quoted ? closing(text, start, String.valueOf(text.charAt(v))) : tokenEnd(text, start);
    if (end <= start) {
      return;
    }
    int colon = text.indexOf(':', start);
    if (colon > start && colon < end - 1 && isPassword(text, colon + 1, end, Mode.ASSIGNED)) {
      out.add(new Candidate(TYPE, colon + 1, end, PASSWORD_SCORE));
    }
  }

  /** Skips a type annotation between ':' and '=' and returns where the value starts. */
  private static int skipTypeAnnotation(String text, int v) {
    int word = v;
    while (word < text.length() && Character.isLetter(text.charAt(word))) {
      word++;
    }
    if (word == v || word - v > 12) {
      return v;
    }
    int eq = skipBlanks(text, word);
    if (eq < text.length() && text.charAt(eq) == '=' && (eq + 1 >= text.length() || text.charAt(eq + 1) != '=')) {
      return skipBlanks(text, eq + 1);
    }
    return v;
  }

  /** How the value was introduced; looser introductions demand more of the value. */
  private enum Mode { ASSIGNED, QUOTED_ONLY, PROSE, LOOSE, URL_ENCODED }

  private static void value(String text, int v, Kind kind, Mode mode, List<Candidate> out) {
    int n = text.length();
    if (v >= n) {
      return;
    }
    int start;
    int end;
    boolean quoted = true;
    if (text.startsWith("&quot;", v)) {
      start = v + 6;
      end = closing(text, start, "&quot;");
    } else if (text.startsWith("\\\"", v)) {
      start = v + 2;
      end = closing(text, start, "\\\"");
    } else if (text.startsWith("\"\"\"", v) || text.startsWith("'''", v)) {
      start = v + 3;
      end = closing(text, start, text.substring(v, v + 3));
      end = end < 0 && kind == Kind.SECRET ? tokenEnd(text, start) : end; // a multi-line literal
    } else if (isQuote(text, v)) {
      start = v + 1;
      end = closing(text, start, String.valueOf(text.charAt(v)));
      end = end < 0 && kind == Kind.SECRET ? tokenEnd(text, start) : end; // continued on the next line
    } else {
      if (mode == Mode.QUOTED_ONLY) {
        return;
      }
      quoted = false;
      start = v;
      end = v;
      while (end < n && end - start <= MAX_VALUE && !endsUnquoted(text.charAt(end))
          && !(mode == Mode.URL_ENCODED && text.charAt(end) == '%')) {
        end++;
      }
      while (end > start && ".:!?".indexOf(text.charAt(end - 1)) >= 0 && mode != Mode.ASSIGNED) {
        end--; // sentence punctuation after a value in prose
      }
      if (end > start && isAuthScheme(text, start, end) && end < n && text.charAt(end) == ' ') {
        value(text, skipBlanks(text, end), Kind.SECRET, mode == Mode.LOOSE ? Mode.LOOSE : Mode.ASSIGNED, out);
        return;
      }
      int open = text.indexOf('(', start);
      if (mode == Mode.ASSIGNED && open > start && open < end && isIdentifierChar(text.charAt(open - 1))) {
        int fallback = fallbackAfterCall(text, open);
        if (fallback >= 0) {
          value(text, fallback, kind, Mode.QUOTED_ONLY, out);
        }
        return;
      }
    }
    if (end < 0 || end <= start || end - start > MAX_VALUE) {
      return;
    }
    boolean accepted = kind == Kind.PASSWORD
        ? isPassword(text, start, end, mode)
        : isSecret(text, start, end, quoted || mode != Mode.LOOSE ? MIN_SECRET : MIN_LOOSE_SECRET);
    if (accepted) {
      out.add(new Candidate(TYPE, start, end, kind == Kind.PASSWORD ? PASSWORD_SCORE : SECRET_SCORE));
    }
  }

  private static void xmlElementValue(String text, int idEnd, Kind kind, List<Candidate> out) {
    int gt = text.indexOf('>', idEnd);
    if (gt < 0 || gt - idEnd > 200 || text.charAt(gt - 1) == '/') {
      return;
    }
    int lt = text.indexOf('<', gt + 1);
    int nl = text.indexOf('\n', gt + 1);
    if (lt > gt + 1 && (nl < 0 || lt < nl)) {
      boolean accepted = kind == Kind.PASSWORD ? isPassword(text, gt + 1, lt, Mode.ASSIGNED)
          : isSecret(text, gt + 1, lt, MIN_SECRET);
      if (accepted) {
        out.add(new Candidate(TYPE, gt + 1, lt, kind == Kind.PASSWORD ? PASSWORD_SCORE : SECRET_SCORE));
      }
    }
  }

  static boolean isPassword(String text, int start, int end, Mode mode) {
    int len = end - start;
    if (len < MIN_PASSWORD || len > 128 || isReference(text, start, end)) {
      return false;
    }
    boolean digit = false;
    boolean symbol = false;
    boolean lower = false;
    boolean upper = false;
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        return false;
      } else if (Character.isDigit(c)) {
        digit = true;
      } else if (Character.isLowerCase(c)) {
        lower = true;
      } else if (Character.isUpperCase(c)) {
        upper = true;
      } else if ("_.-/".indexOf(c) < 0) {
        symbol = true;
      }
    }
    if (isHexLiteral(text, start, end)) {
      return false; // password = "0xAb19D82E7f546cC3" is a numeric constant, not something typed
    }
    if (mode == Mode.PROSE && !(digit && (lower || upper))) {
      return false; // "my password is incorrect", "the password is case-sensitive"
    }
    return digit || symbol || (lower && upper && len >= 8);
  }

  private static boolean isHexLiteral(String text, int start, int end) {
    if (end - start < 4 || text.charAt(start) != '0' || (text.charAt(start + 1) | 0x20) != 'x') {
      return false;
    }
    for (int i = start + 2; i < end; i++) {
      if (Character.digit(text.charAt(i), 16) < 0) {
        return false;
      }
    }
    return true;
  }

  static boolean isSecret(String text, int start, int end, int minLength) {
    return !isReference(text, start, end) && SecretValues.looksRandom(text, start, end, minLength)
        && !containsWhitespace(text, start, end);
  }

  /** Template variables, code, placeholders and words that only name a credential. */
  private static boolean isReference(String text, int start, int end) {
    char first = text.charAt(start);
    if (first == '$' || first == '%' || first == '{' || first == '<' || first == '[') {
      return true;
    }
    for (int i = start + 1; i < end; i++) {
      if (text.charAt(i) == '(' && isIdentifierChar(text.charAt(i - 1))) {
        return true; // a call such as getenv("DB_PASSWORD"); ")d!~x&()" is a password
      }
    }
    return NOT_VALUES.contains(text.substring(start, end).toLowerCase(Locale.ROOT))
        || CredentialWords.mentionsKeyword(text, start, end)
        || SecretValues.isPlaceholder(text, start, end);
  }

  /**
   * Where the literal of {@code getenv("X") or "s3cr3t"} starts (also {@code ||}, {@code ??},
   * {@code ?:}): a hard-coded fallback is a credential in clear. -1 when the call has none.
   */
  private static int fallbackAfterCall(String text, int open) {
    int depth = 0;
    char quote = 0;
    int close = -1;
    for (int i = open; i < text.length() && i - open <= MAX_VALUE; i++) {
      char c = text.charAt(i);
      if (quote != 0) {
        quote = c == quote ? 0 : quote;
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0) {
        close = i;
        break;
      }
    }
    if (close < 0) {
      return -1;
    }
    int op = skipBlanks(text, close + 1);
    for (String or : FALLBACK_OPERATORS) {
      if (text.startsWith(or, op)) {
        int v = skipBlanks(text, op + or.length());
        return v < text.length() && isQuote(text, v) ? v : -1;
      }
    }
    return -1;
  }

  private static boolean isAuthScheme(String text, int start, int end) {
    return end - start <= 9 && AUTH_SCHEMES.contains(text.substring(start, end).toLowerCase(Locale.ROOT));
  }

  private static int closing(String text, int from, String quote) {
    int close = text.indexOf(quote, from);
    if (close < 0 || close - from > MAX_VALUE) {
      return -1;
    }
    int nl = text.indexOf('\n', from);
    return nl >= 0 && nl < close ? -1 : close;
  }

  /** End of a run of non-blank characters that may belong to a secret (base64, base64url, hex). */
  private static int tokenEnd(String text, int start) {
    int end = start;
    while (end < text.length() && end - start <= MAX_VALUE
        && (Character.isLetterOrDigit(text.charAt(end)) || "+/=_-.~".indexOf(text.charAt(end)) >= 0)) {
      end++;
    }
    return end;
  }

  private static boolean endsUnquoted(char c) {
    return Character.isWhitespace(c) || ",;\"'`<>)]}&".indexOf(c) >= 0;
  }

  private static boolean isQuote(String text, int i) {
    char c = text.charAt(i);
    return c == '"' || c == '\'' || c == '`' || text.startsWith("&quot;", i) || text.startsWith("\\\"", i);
  }

  private static boolean containsWhitespace(String text, int start, int end) {
    for (int i = start; i < end; i++) {
      if (Character.isWhitespace(text.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  private static int skipBlanks(String text, int i) {
    while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
      i++;
    }
    return i;
  }

  private static boolean isIdentifierChar(char c) {
    if (c < 128) {
      return Chars.isAsciiAlnum(c) || c == '_' || c == '-' || c == '.' || c == '$'; // no Unicode tables
    }
    return Character.isLetterOrDigit(c);
  }
}
