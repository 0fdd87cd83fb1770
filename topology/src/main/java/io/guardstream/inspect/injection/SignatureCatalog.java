package io.guardstream.inspect.injection;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The weighted signatures, loaded once from tab-separated catalogue files on the classpath.
 *
 * <p>Catalogue lines: {@code # comment}; {@code @NAME<TAB>regex} defines a macro that later
 * patterns use as {@code {NAME}}; {@code category<TAB>weight<TAB>S|A<TAB>anchors<TAB>regex} is a
 * signature ({@code S} signal, {@code A} amplifier). Anchors are comma-separated lowercase
 * literals: {@code ^word} means a match begins with that literal, so the pattern is tried only at
 * its occurrences (only where a word begins, if the literal starts with a letter or digit); {@code
 * +word} means the literal must occur somewhere before the pattern is tried at all; {@code ^*word}
 * is a start anchor that may begin inside a word. {@code %NAME<TAB>a,b,c} names an anchor list,
 * used as {@code ^%NAME} or {@code +%NAME}. Patterns are written in lowercase and NFKC-normalised
 * on load, like the text they run on.
 *
 * <p>Immutable and thread-safe after construction.
 */
final class SignatureCatalog {

  private static final Pattern SNAKE_CASE = Pattern.compile("[a-z][a-z0-9_]*");

  /** A macro use such as {@code {IGNORE}}; the Unicode class in {@code \p{L}} is not one. */
  private static final Pattern MACRO_USE =
      Pattern.compile("(?<![\\\\][pP])\\{([A-Z][A-Z0-9_]+)\\}");

  private final List<Signature> signatures;
  private final AnchorAutomaton automaton;

  /**
   * For each anchor, the signatures worth a look when it occurs: those that may begin at it (looked
   * at where it occurs at a match start), and those without start anchors that require it (looked
   * at where it occurs at all). A signature with start anchors cannot match without an occurrence of
   * one at a possible start, whatever its required anchors, so those alone never make it a
   * candidate.
   */
  private final int[][] signaturesByStart;

  private final int[][] signaturesByRequired;

  private SignatureCatalog(
      List<Signature> signatures, List<String> anchors, Set<Integer> anywhere) {
    this.signatures = List.copyOf(signatures);
    this.matchers = ThreadLocal.withInitial(() -> new Matcher[this.signatures.size()]);
    this.occurrences = ThreadLocal.withInitial(OccurrenceRing::new);
    boolean[] positional = new boolean[anchors.size()];
    boolean[] inWords = new boolean[anchors.size()];
    for (Signature signature : signatures) {
      for (int id : signature.startAnchorIds()) {
        positional[id] = true;
        inWords[id] = anywhere.contains(id);
      }
    }
    this.automaton = new AnchorAutomaton(anchors, positional, inWords);
    List<List<Integer>> byStart = new ArrayList<>();
    List<List<Integer>> byRequired = new ArrayList<>();
    for (int a = 0; a < anchors.size(); a++) {
      byStart.add(new ArrayList<>());
      byRequired.add(new ArrayList<>());
    }
    for (int s = 0; s < signatures.size(); s++) {
      Signature signature = signatures.get(s);
      for (int id : signature.startAnchorIds()) {
        byStart.get(id).add(s);
      }
      if (signature.startAnchorIds().length == 0) {
        for (int id : signature.requiredAnchorIds()) {
          byRequired.get(id).add(s);
        }
      }
    }
    this.signaturesByStart = distinct(byStart);
    this.signaturesByRequired = distinct(byRequired);
  }

  private static int[][] distinct(List<List<Integer>> lists) {
    return lists.stream()
        .map(list -> list.stream().distinct().mapToInt(Integer::intValue).toArray())
        .toArray(int[][]::new);
  }

  /** Loads catalogue resources relative to this class; fails on the first malformed line. */
  static SignatureCatalog load(String... resources) {
    return load(List.of(), resources);
  }

  /**
   * Loads catalogue resources and also finds {@code literals} (lowercase) in every view, for
   * {@link View#containsAny}: other checks that only ask whether a word occurs get the answer
   * from the automaton's one pass instead of a search of the text per word.
   */
  static SignatureCatalog load(List<String> literals, String... resources) {
    Map<String, Integer> anchorIds = new LinkedHashMap<>();
    Set<Integer> anywhere = new HashSet<>();
    List<Signature> signatures = new ArrayList<>();
    for (String resource : resources) {
      parse(resource, readLines(resource), anchorIds, anywhere, signatures);
    }
    Map<String, Integer> literalIds = new LinkedHashMap<>();
    for (String literal : literals) {
      if (literal.isEmpty() || !literal.equals(normalize(literal).toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException("literal must be non-empty, lowercase NFKC: " + literal);
      }
      literalIds.put(literal, anchorIds.computeIfAbsent(literal, k -> anchorIds.size()));
    }
    SignatureCatalog catalog =
        new SignatureCatalog(signatures, new ArrayList<>(anchorIds.keySet()), anywhere);
    catalog.literalIds.putAll(literalIds);
    return catalog;
  }

  private final Map<String, Integer> literalIds = new LinkedHashMap<>();

  /** The ids of literals given to {@link #load(List, String...)}, for {@link View#containsAny}. */
  int[] literalIds(List<String> literals) {
    return literals.stream()
        .mapToInt(
            literal -> {
              Integer id = literalIds.get(literal);
              if (id == null) {
                throw new IllegalArgumentException("literal not loaded with the catalogue: " + literal);
              }
              return id;
            })
        .toArray();
  }

  List<Signature> signatures() {
    return signatures;
  }

  /**
   * One matcher per signature per thread, pointed at each text in turn. Re-pointing a single
   * matcher at each pattern (usePattern) allocated its group arrays every time: a tenth of the
   * matching cost.
   */
  private final ThreadLocal<Matcher[]> matchers;

  /**
   * Views alive at once on one thread: the detector holds the prompt's view while it makes one for
   * the folded text and one per decoded payload ({@link EncodedPayloads#MAX_PAYLOADS}); two spare.
   */
  static final int VIEWS_PER_THREAD = EncodedPayloads.MAX_PAYLOADS + 4;

  /** Each thread's occurrence buffers, reused in turn by its views. */
  private final ThreadLocal<OccurrenceRing> occurrences;

  private final class OccurrenceRing {
    private final AnchorAutomaton.Occurrences[] buffers =
        new AnchorAutomaton.Occurrences[VIEWS_PER_THREAD];
    private int next;

    AnchorAutomaton.Occurrences take() {
      int slot = next;
      next = (next + 1) % buffers.length;
      if (buffers[slot] == null) {
        buffers[slot] = automaton.newOccurrences();
      }
      return buffers[slot];
    }
  }

  /**
   * Finds the anchors in one view of a text, once, for any number of {@link View#match} calls. The
   * view lives until {@link #VIEWS_PER_THREAD} more views were made on the thread; using it after
   * that fails instead of reading another text's anchors.
   */
  View view(String text) {
    AnchorAutomaton.Occurrences found = automaton.scan(text, occurrences.get().take());
    return new View(text, found, matchers.get());
  }

  /**
   * One normalised text and where the anchors occur in it. Not thread-safe: used on the thread
   * that made it, whose matchers it shares with the other views of that thread.
   */
  final class View {
    private final String text;
    private final AnchorAutomaton.Occurrences occurrences;
    private final int generation;
    private final Matcher[] matchers;

    private View(String text, AnchorAutomaton.Occurrences occurrences, Matcher[] matchers) {
      this.text = text;
      this.occurrences = occurrences;
      this.generation = occurrences.generation();
      this.matchers = matchers;
    }

    /**
     * Sets in {@code hits} the index of every signature of the wanted kind that matches. Signatures
     * already set are not run again, so scanning several views of one text costs only new matches.
     *
     * @param amplifiers run the amplifier signatures instead of the signals
     */
    void match(BitSet hits, boolean amplifiers) {
      if (occurrences.generation() != generation) {
        throw new IllegalStateException("view of a text outlived its occurrence buffers");
      }
      BitSet candidates = new BitSet(signatures.size());
      for (int f = 0; f < occurrences.foundCount(); f++) {
        int id = occurrences.found()[f];
        if (occurrences.head()[id] != 0) {
          for (int s : signaturesByStart[id]) {
            candidates.set(s);
          }
        }
        for (int s : signaturesByRequired[id]) {
          candidates.set(s);
        }
      }
      for (int s = candidates.nextSetBit(0); s >= 0; s = candidates.nextSetBit(s + 1)) {
        Signature signature = signatures.get(s);
        if (signature.amplifier() == amplifiers && !hits.get(s) && matches(s)) {
          hits.set(s);
        }
      }
    }

    boolean matches(int index) {
      Signature signature = signatures.get(index);
      if (!anyPresent(signature.requiredAnchorIds())) {
        return false;
      }
      int[] starts = signature.startAnchorIds();
      if (starts.length == 0) {
        return matcher(index).find();
      }
      Matcher m = null;
      for (int id : starts) {
        for (int o = occurrences.head()[id] - 1; o >= 0; o = occurrences.next()[o] - 1) {
          if (m == null) {
            m = matcher(index);
          }
          m.region(occurrences.start()[o], text.length());
          if (m.lookingAt()) {
            return true;
          }
        }
      }
      return false;
    }

    /** Whether any of the literals ({@link #literalIds}) occurs in this view's text. */
    boolean containsAny(int[] literalIds) {
      if (occurrences.generation() != generation) {
        throw new IllegalStateException("view of a text outlived its occurrence buffers");
      }
      for (int id : literalIds) {
        if (occurrences.present()[id]) {
          return true;
        }
      }
      return false;
    }

    private boolean anyPresent(int[] ids) {
      if (ids.length == 0) {
        return true;
      }
      for (int id : ids) {
        if (occurrences.present()[id]) {
          return true;
        }
      }
      return false;
    }

    /** The thread's matcher of signature {@code index}, pointed at this view's text. */
    private Matcher matcher(int index) {
      Matcher m = matchers[index];
      if (m == null) {
        m = signatures.get(index).pattern().matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        matchers[index] = m;
      } else {
        m.reset(text); // keeps the bounds settings
      }
      return m;
    }
  }

  private static List<String> readLines(String resource) {
    try (InputStream in = SignatureCatalog.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("injection signature catalogue not found: " + resource);
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      return reader.lines().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read injection signature catalogue " + resource, e);
    }
  }

  private static void parse(
      String resource,
      List<String> lines,
      Map<String, Integer> anchorIds,
      Set<Integer> anywhere,
      List<Signature> out) {
    Map<String, String> macros = new LinkedHashMap<>();
    Map<String, String> anchorLists = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      String where = resource + ":" + (i + 1);
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] cols = line.split("\t");
      if (line.startsWith("@")) {
        require(cols.length == 2, where, "a macro is @NAME<TAB>regex");
        macros.put(cols[0].substring(1), expand(cols[1], macros, where));
        continue;
      }
      if (line.startsWith("%")) {
        require(cols.length == 2, where, "an anchor list is %NAME<TAB>a,b,c");
        anchorLists.put(cols[0].substring(1), cols[1]);
        continue;
      }
      require(cols.length == 5, where, "expected category, weight, kind, anchors, regex");
      String category = cols[0];
      require(SNAKE_CASE.matcher(category).matches(), where, "category must be snake_case");
      double weight = parseWeight(cols[1], where);
      require(cols[2].equals("S") || cols[2].equals("A"), where, "kind must be S or A");
      String anchorColumn = expandAnchorLists(cols[3], anchorLists, where);
      int[] starts = anchorIds(anchorColumn, '^', anchorIds, where);
      int[] required = anchorIds(anchorColumn, '+', anchorIds, where);
      for (int id : anchorIds(anchorColumn, '*', anchorIds, where)) {
        anywhere.add(id);
      }
      require(starts.length + required.length > 0, where, "no ^start or +required anchors");
      Pattern pattern = compile(expand(cols[4], macros, where), where);
      out.add(
          new Signature(where, category, weight, cols[2].equals("A"), pattern, starts, required));
    }
  }

  private static double parseWeight(String text, String where) {
    try {
      double weight = Double.parseDouble(text);
      require(weight > 0 && weight < 1, where, "weight must be in (0, 1)");
      return weight;
    } catch (NumberFormatException e) {
      throw new IllegalStateException(where + ": weight is not a number: " + text, e);
    }
  }

  /** {@code ^%NAME} and {@code +%NAME} become the named list with that prefix on each literal. */
  private static String expandAnchorLists(String column, Map<String, String> lists, String where) {
    StringBuilder out = new StringBuilder();
    for (String token : column.split(",")) {
      String stripped = token.strip();
      if (stripped.length() > 2 && stripped.charAt(1) == '%') {
        String list = lists.get(stripped.substring(2));
        require(list != null, where, "undefined anchor list " + stripped.substring(1));
        for (String literal : list.split(",")) {
          out.append(out.length() == 0 ? "" : ",")
              .append(stripped.charAt(0))
              .append(literal.strip());
        }
      } else {
        out.append(out.length() == 0 ? "" : ",").append(stripped);
      }
    }
    return out.toString();
  }

  private static int[] anchorIds(
      String column, char prefix, Map<String, Integer> ids, String where) {
    List<Integer> result = new ArrayList<>();
    for (String token : column.split(",")) {
      String stripped = token.strip();
      require(stripped.length() > 1, where, "empty anchor");
      require(
          stripped.charAt(0) == '^' || stripped.charAt(0) == '+',
          where,
          "anchor must start with ^ (match start) or + (required): " + stripped);
      boolean inWords = stripped.startsWith("^*");
      if (stripped.charAt(0) == prefix || (prefix == '*' && inWords)) {
        String literal = normalize(stripped.substring(inWords ? 2 : 1)).toLowerCase(Locale.ROOT);
        result.add(ids.computeIfAbsent(literal, k -> ids.size()));
      }
    }
    return result.stream().mapToInt(Integer::intValue).toArray();
  }

  private static String expand(String regex, Map<String, String> macros, String where) {
    Matcher m = MACRO_USE.matcher(regex);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String body = macros.get(m.group(1));
      require(body != null, where, "undefined macro {" + m.group(1) + "}");
      m.appendReplacement(out, Matcher.quoteReplacement(body));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static Pattern compile(String regex, String where) {
    try {
      return Pattern.compile(normalize(regex));
    } catch (PatternSyntaxException e) {
      throw new IllegalStateException(where + ": bad pattern: " + e.getDescription(), e);
    }
  }

  private static String normalize(String s) {
    return Normalizer.normalize(s, Normalizer.Form.NFKC);
  }

  private static void require(boolean ok, String where, String problem) {
    if (!ok) {
      throw new IllegalStateException(where + ": " + problem);
    }
  }
}
