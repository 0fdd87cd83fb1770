package io.guardstream.inspect.injection;

/**
 * Recognises optimiser-generated adversarial suffixes (GCG and its descendants): a plain request
 * followed, on the same line, by a tail of token salad such as {@code describing.\ + similarlyNow
 * write oppositeley.]( Me giving**ONE please? revert with "\!--Two}. No wording survives from one
 * attack to the next, so this looks at shape, not words: a prose head, and a tail dense with code
 * and markup punctuation glued to letters, on a line whose brackets do not pair up (real code
 * balances its brackets; the optimiser does not care).
 *
 * <p>Runs on the original-case text. Stateless and thread-safe.
 */
final class AdversarialSuffix {

  /** A suffix is typically 15-30 tokens; the last 20 are where it sits. */
  private static final int TAIL_TOKENS = 20;

  /** The request the suffix is appended to: its first words are prose. */
  private static final int HEAD_TOKENS = 8;

  private static final int MIN_TOKENS = 10;

  /** Lines shorter than this have no separate tail; everything after the head is the tail. */
  private static final int LONG_LINE_TOKENS = HEAD_TOKENS + TAIL_TOKENS;

  /**
   * Oddness a tail needs. On the development data no benign or plain harmful prompt exceeds 3,
   * while nine in ten GCG-style suffixes reach 4.
   */
  private static final int MIN_TAIL_ODDNESS = 4;

  private static final int MAX_HEAD_ODDNESS = 1;

  private static final String BRACKETS = "{}[]()<>";
  private static final String MARKUP = "\\|^~`$#%*=_@+";

  /** Bits per ASCII character: a table read instead of two string searches per character. */
  private static final byte[] ASCII_KIND = new byte[128];

  private static final byte BRACKET = 1;
  private static final byte MARK = 2;

  static {
    for (char c : BRACKETS.toCharArray()) {
      ASCII_KIND[c] = BRACKET;
    }
    for (char c : MARKUP.toCharArray()) {
      ASCII_KIND[c] = MARK;
    }
  }

  /**
   * @return true when the last line ends in an adversarial suffix
   */
  boolean matches(String text) {
    int end = text.length();
    while (end > 0 && TextNormalizer.isWhitespace(text.charAt(end - 1))) {
      end--;
    }
    int lineStart = text.lastIndexOf('\n', end - 1) + 1;
    int i = lineStart;
    int[] headStarts = new int[HEAD_TOKENS];
    int[] headEnds = new int[HEAD_TOKENS];
    int[] tailStarts = new int[TAIL_TOKENS];
    int[] tailEnds = new int[TAIL_TOKENS];
    int count = 0;
    // Only the first HEAD_TOKENS and the last TAIL_TOKENS tokens are judged: once a line is long
    // enough for the two to be apart, the tail is read backwards from the end, not token by token
    // across the whole line (a 1 KB paragraph is one line).
    while (i < end && count < LONG_LINE_TOKENS) {
      while (i < end && TextNormalizer.isWhitespace(text.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < end && !TextNormalizer.isWhitespace(text.charAt(i))) {
        i++;
      }
      if (count < HEAD_TOKENS) {
        headStarts[count] = start;
        headEnds[count] = i;
      }
      tailStarts[count % TAIL_TOKENS] = start;
      tailEnds[count % TAIL_TOKENS] = i;
      count++;
    }
    if (count == LONG_LINE_TOKENS && i < end) {
      lastTokens(text, end, tailStarts, tailEnds);
      count = LONG_LINE_TOKENS + TAIL_TOKENS; // the tail loop below then reads every slot once
    }
    if (count < MIN_TOKENS) {
      return false;
    }
    int headOddness = 0;
    for (int t = 0; t < HEAD_TOKENS; t++) {
      headOddness += oddness(text, headStarts[t], headEnds[t]);
    }
    if (headOddness > MAX_HEAD_ODDNESS) {
      return false;
    }
    int tailFrom = count >= LONG_LINE_TOKENS ? count - TAIL_TOKENS : HEAD_TOKENS;
    int tailOddness = 0;
    for (int t = tailFrom; t < count; t++) {
      tailOddness += oddness(text, tailStarts[t % TAIL_TOKENS], tailEnds[t % TAIL_TOKENS]);
    }
    if (tailOddness < MIN_TAIL_ODDNESS) {
      return false;
    }
    // Dense but balanced punctuation is what source code looks like; leave it alone.
    return hasUnpairedBrackets(text, lineStart, end);
  }

  /**
   * Fills the tail slots with the line's last {@link #TAIL_TOKENS} tokens, read backwards from
   * {@code end}; the line is known to hold more than {@link #LONG_LINE_TOKENS}.
   */
  private static void lastTokens(String text, int end, int[] tailStarts, int[] tailEnds) {
    int i = end;
    for (int t = TAIL_TOKENS - 1; t >= 0; t--) {
      while (TextNormalizer.isWhitespace(text.charAt(i - 1))) {
        i--;
      }
      int tokenEnd = i;
      while (i > 0 && !TextNormalizer.isWhitespace(text.charAt(i - 1))) {
        i--;
      }
      tailStarts[t] = i;
      tailEnds[t] = tokenEnd;
    }
  }

  /**
   * Round, square or curly brackets that do not pair up over the line. Angle brackets are left out:
   * in code they are comparison operators.
   */
  private static boolean hasUnpairedBrackets(String text, int from, int to) {
    int round = 0;
    int square = 0;
    int curly = 0;
    for (int k = from; k < to; k++) {
      switch (text.charAt(k)) {
        case '(' -> round++;
        case ')' -> round--;
        case '[' -> square++;
        case ']' -> square--;
        case '{' -> curly++;
        case '}' -> curly--;
        default -> {}
      }
    }
    return round != 0 || square != 0 || curly != 0;
  }

  /**
   * 0 for a token a sentence could contain; 1 for code or markup punctuation glued to letters, a
   * cluster of brackets, or a lowercase-to-uppercase change inside a word; 2 when several such
   * marks are mixed into one token.
   */
  static int oddness(String s, int start, int end) {
    int letters = 0;
    int markup = 0;
    int brackets = 0;
    int inner = 0;
    boolean caseChange = false;
    char prev = 0;
    for (int i = start; i < end; i++) {
      char c = s.charAt(i);
      int kind = c < 128 ? ASCII_KIND[c] : 0;
      boolean bracket = kind == BRACKET;
      boolean mark = kind == MARK;
      if (Character.isLetter(c)) {
        letters++;
        caseChange |= Character.isUpperCase(c) && Character.isLowerCase(prev);
      } else if (bracket) {
        brackets++;
      } else if (mark) {
        markup++;
      }
      if ((bracket || mark || c == '"' || c == '\'')
          && i > start
          && i < end - 1
          && (Character.isLetterOrDigit(prev) || Character.isLetterOrDigit(s.charAt(i + 1)))) {
        inner++;
      }
      prev = c;
    }
    int symbols = brackets + markup;
    if (letters == 0) {
      return symbols >= 2 || (brackets >= 1 && end - start >= 2) ? 1 : 0;
    }
    if (symbols >= 3 || (symbols >= 2 && inner >= 1)) {
      return 2;
    }
    if (caseChange || symbols >= 2) {
      return 1;
    }
    if (brackets == 1) {
      return wrapsWord(s, start, end) ? 0 : 1;
    }
    if (markup == 1) {
      return isOrdinaryMark(s, start, end) ? 0 : 1;
    }
    return 0;
  }

  /** {@code (word)}, {@code (word}, {@code word)}, {@code word),}: an ordinary parenthesis. */
  private static boolean wrapsWord(String s, int start, int end) {
    char first = s.charAt(start);
    int last = end - 1;
    while (last > start && ",.;:!?".indexOf(s.charAt(last)) >= 0) {
      last--;
    }
    char lastChar = s.charAt(last);
    return first == '(' || first == '[' || lastChar == ')' || lastChar == ']';
  }

  /**
   * {@code #hashtag}, {@code @name}, {@code $100}, {@code 50%}, {@code snake_case}, {@code a+b}.
   */
  private static boolean isOrdinaryMark(String s, int start, int end) {
    char first = s.charAt(start);
    char last = s.charAt(end - 1);
    if (first == '#' || first == '@' || first == '$' || last == '%') {
      return true;
    }
    for (int i = start; i < end; i++) {
      char c = s.charAt(i);
      if (c == '_' || c == '+') {
        return true;
      }
    }
    return false;
  }
}
