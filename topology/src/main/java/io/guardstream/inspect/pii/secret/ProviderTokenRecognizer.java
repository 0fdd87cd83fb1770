package io.guardstream.inspect.pii.secret;

import io.guardstream.inspect.pii.Candidate;
import io.guardstream.inspect.pii.Chars;
import io.guardstream.inspect.pii.Checksums;
import io.guardstream.inspect.pii.EntityRecognizer;
import io.guardstream.inspect.pii.TextProfile;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * API keys and tokens whose format the provider fixes (AKIA..., ghp_..., xoxb-..., sk-...). The
 * formats live in {@code provider-tokens.tsv}, loaded once. Each text is walked once: at every token
 * start only the rules whose literal prefix begins with that character are tried, so adding a
 * provider costs nothing on texts that do not mention it.
 */
public final class ProviderTokenRecognizer implements EntityRecognizer {

  public static final String TYPE = "SECRET";
  static final String RESOURCE = "/io/guardstream/inspect/pii/provider-tokens.tsv";
  private static final double SCORE = 0.95;
  /** The shortest provider format is longer than this; shorter words are never tried. */
  private static final int MIN_TOKEN = 16;
  private static final int FILLER_RUN = 6;

  /**
   * A provider format: a literal prefix (may be empty), the full pattern with the prefix, and an
   * optional checksum the match must pass.
   */
  record Rule(String name, String prefix, Pattern pattern, String check) {

    boolean passesCheck(CharSequence token) {
      return check.isEmpty() || (check.equals("bech32") && Checksums.bech32(token));
    }
  }

  /** Prefix rules indexed by their first character (ASCII only). */
  private final Rule[][] byFirstChar = new Rule[128][];
  /**
   * For each first character whose rules all have a prefix of two or more ASCII characters, the
   * second characters those prefixes have; null where any rule takes any second character. Most
   * word starts are turned away here before a prefix is compared.
   */
  private final boolean[][] secondChars = new boolean[128][];
  /** Rules without a fixed prefix, each with a literal the text must contain. */
  private final List<Rule> needleRules = new ArrayList<>();
  private final int ruleCount;

  public ProviderTokenRecognizer() {
    List<List<Rule>> table = new ArrayList<>(128);
    for (int i = 0; i < 128; i++) {
      table.add(new ArrayList<>());
    }
    int count = 0;
    for (String[] row : readRules()) {
      String name = row[0];
      String anchor = row[1];
      Pattern pattern = Pattern.compile(row[2]);
      String check = row.length > 3 ? row[3] : "";
      if (!check.isEmpty() && !check.equals("bech32")) {
        throw new IllegalStateException(RESOURCE + ": unknown check '" + check + "' for " + name);
      }
      count++;
      if (anchor.startsWith("*")) {
        needleRules.add(new Rule(name, anchor.substring(1), pattern, check));
      } else if (anchor.startsWith("[") && anchor.endsWith("]")) {
        for (char c : anchor.substring(1, anchor.length() - 1).toCharArray()) {
          table.get(c).add(new Rule(name, "", pattern, check));
        }
      } else {
        table.get(anchor.charAt(0)).add(new Rule(name, anchor, pattern, check));
      }
    }
    for (int c = 0; c < 128; c++) {
      if (!table.get(c).isEmpty()) {
        byFirstChar[c] = table.get(c).toArray(new Rule[0]);
        secondChars[c] = secondChars(byFirstChar[c]);
      }
    }
    this.ruleCount = count;
  }

  private static boolean[] secondChars(Rule[] rules) {
    boolean[] seconds = new boolean[128];
    for (Rule rule : rules) {
      if (rule.prefix().length() < 2 || rule.prefix().charAt(1) >= 128) {
        return null;
      }
      seconds[rule.prefix().charAt(1)] = true;
    }
    return seconds;
  }

  /** Number of provider formats loaded. */
  public int ruleCount() {
    return ruleCount;
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public boolean mightMatch(TextProfile profile) {
    return profile.letters() + profile.digits() >= 15;
  }

  @Override
  public void detect(String text, TextProfile profile, List<Candidate> out) {
    int n = text.length();
    Matcher matcher = null;
    boolean ansi = text.indexOf('\u001b') >= 0;
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (i > 0 && insideWord(text.charAt(i - 1), ansi)) {
        continue; // most chars: a token starts after no letter or digit, see isTokenStart
      }
      Rule[] rules = c < 128 ? byFirstChar[c] : null;
      if (rules == null) {
        continue;
      }
      boolean[] seconds = secondChars[c];
      if (seconds != null && (i + 1 >= n || text.charAt(i + 1) >= 128 || !seconds[text.charAt(i + 1)])) {
        continue;
      }
      if (!isTokenStart(text, i)) {
        continue;
      }
      boolean longEnough = false;
      for (Rule rule : rules) {
        if (!text.startsWith(rule.prefix(), i)) {
          continue;
        }
        longEnough = longEnough || tokenLength(text, i) >= MIN_TOKEN;
        if (!longEnough) {
          break;
        }
        matcher = matcher == null ? rule.pattern().matcher(text) : matcher.usePattern(rule.pattern());
        matcher.region(i, n);
        if (matcher.lookingAt() && accept(text, i, matcher.end())
            && !isPatternedBody(text, i + rule.prefix().length(), matcher.end())
            && rule.passesCheck(text.subSequence(i, matcher.end()))) {
          out.add(new Candidate(TYPE, i, matcher.end(), SCORE));
          i = matcher.end() - 1;
          break;
        }
      }
    }
    for (Rule rule : needleRules) {
      if (text.indexOf(rule.prefix()) < 0) {
        continue;
      }
      Matcher m = rule.pattern().matcher(text);
      while (m.find()) {
        if (isTokenStart(text, m.start()) && accept(text, m.start(), m.end())
            && rule.passesCheck(text.subSequence(m.start(), m.end()))) {
          out.add(new Candidate(TYPE, m.start(), m.end(), SCORE));
        }
      }
    }
  }

  /** Length of the run of non-blank, non-quote characters at i, counted up to MIN_TOKEN. */
  private static int tokenLength(String text, int i) {
    int end = i;
    int limit = Math.min(text.length(), i + MIN_TOKEN);
    while (end < limit) {
      char c = text.charAt(end);
      if (c <= ' ' || c == '"' || c == '\'' || c == '`' || c == '<' || c == '>' || c == ',' || c == ';') {
        break;
      }
      end++;
    }
    return end - i;
  }

  /**
   * True when a char is an ASCII letter or digit that can never come before a token start: only
   * 'm' can, closing an ANSI colour code, in a text holding an escape. A cheaper first test than
   * {@link #isTokenStart}.
   */
  private static boolean insideWord(char before, boolean ansi) {
    return before < 128 && Chars.isAsciiAlnum(before) && (before != 'm' || !ansi);
  }

  /** Nothing alphanumeric before i, except the 'm' closing an ANSI colour code (ESC[93m). */
  private static boolean isTokenStart(String text, int i) {
    if (i == 0) {
      return true;
    }
    char before = text.charAt(i - 1);
    if (before < 128 ? !Chars.isAsciiAlnum(before) : !Character.isLetterOrDigit(before)) {
      return true;
    }
    if (text.charAt(i - 1) != 'm') {
      return false;
    }
    for (int k = i - 2; k >= Math.max(0, i - 10); k--) {
      if (text.charAt(k) == '\u001b') {
        return text.charAt(k + 1) == '[';
      }
    }
    return false;
  }

  /**
   * The token must end there (not continue as a host name, {@code akab-x.akamaiapis.net}), mix
   * character classes and not be a documentation placeholder.
   */
  private static boolean accept(String text, int start, int end) {
    int n = text.length();
    boolean continues = end < n && (Character.isLetterOrDigit(text.charAt(end))
        || (text.charAt(end) == '.' && end + 1 < n && Character.isLetterOrDigit(text.charAt(end + 1))));
    return !continues
        && SecretValues.characterClasses(text, start, end) >= 2
        && !SecretValues.isPlaceholder(text, start, end)
        && !SecretValues.hasSequentialRun(text, start, end, 5);
  }

  /**
   * True when what follows the prefix cannot be the random part of a real token: a long run of
   * digits only ({@code hf_3478658437...}) or a handful of distinct characters
   * ({@code ghp_101011001...}), or a hex body holding a run of {@value #FILLER_RUN} identical
   * characters ({@code wxffffff...}, typed filler): a random 64-digit hex body holds one about once
   * in 20,000 tokens. Bodies over a wider alphabet are not judged on runs, as some formats encode
   * zero bytes as runs of 'A' (X bearer tokens) or carry a checksum that vouches for them.
   */
  static boolean isPatternedBody(String text, int from, int to) {
    if (to - from < MIN_TOKEN) {
      return false;
    }
    boolean digitsOnly = true;
    boolean[] seen = new boolean[128];
    int distinct = 0;
    int same = 0;
    boolean fillerRun = false;
    boolean hexOnly = true;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      same = i > from && c == text.charAt(i - 1) ? same + 1 : 1;
      fillerRun |= same >= FILLER_RUN;
      hexOnly &= Character.digit(c, 16) >= 0;
      digitsOnly &= Chars.isDigit(c);
      if (c >= 128 || !seen[c]) {
        distinct++;
        if (c < 128) {
          seen[c] = true;
        }
      }
    }
    return digitsOnly || distinct < 5 || (fillerRun && hexOnly);
  }

  private static List<String[]> readRules() {
    List<String[]> rows = new ArrayList<>();
    try (InputStream in = ProviderTokenRecognizer.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      int lineNo = 0;
      while ((line = reader.readLine()) != null) {
        lineNo++;
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] row = line.split("\t");
        if (row.length < 3 || row.length > 4 || row[1].isEmpty()) {
          throw new IllegalStateException(RESOURCE + ":" + lineNo + ": expected name<TAB>anchor<TAB>regex[<TAB>check]");
        }
        rows.add(row);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }
}
