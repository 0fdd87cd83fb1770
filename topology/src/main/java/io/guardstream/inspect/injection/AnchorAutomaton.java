package io.guardstream.inspect.injection;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Finds every catalogue anchor in a text in one pass (Aho-Corasick). With hundreds of anchors, one
 * {@code indexOf} per anchor would cost more than all the patterns together; the automaton reads
 * each character once whatever the number of anchors.
 *
 * <p>ASCII transitions are a precomputed table (one array read per character, the common case);
 * other characters follow sparse children and failure links. Immutable and thread-safe.
 */
final class AnchorAutomaton {

  private static final int ASCII = 128;

  /**
   * Set on an ASCII transition whose target state has outputs, so that the scan learns whether to
   * look at outputs from the transition it read anyway, not from a second array per character.
   */
  private static final char HAS_OUTPUT = 0x8000;

  private static final int STATE = HAS_OUTPUT - 1;

  /**
   * ASCII characters renumbered into the few classes that occur in anchors; class 0 is every
   * character that occurs in none, which always leads back to the root. Keeps the table small
   * enough to stay in cache.
   */
  private final byte[] asciiClass = new byte[ASCII];

  private final int classes;
  /** The non-ASCII characters that occur in some anchor. */
  private final BitSet inAnchors = new BitSet();
  private final char[] asciiNext;
  private final char[][] keys;
  private final int[][] children;
  private final int[] fail;
  private final int[][] outputs;
  private final int[] lengths;
  private final boolean[] positional;
  private final boolean[] wordInitial;

  /**
   * Occurrences of the anchors in one text.
   *
   * @param present whether each anchor occurs anywhere
   * @param found the ids of the anchors that occur, {@code foundCount} of them
   * @param head one more than the first entry of each positional anchor's occurrence list in
   *     {@code next}/{@code start}, or 0 for none; {@code next} holds the following entries the
   *     same way. Off by one so that a fresh array means "no occurrences" without filling it.
   */
  static final class Occurrences {
    private static final int RETAINED_OCCURRENCES = 4096;

    private final boolean[] present;
    private final int[] head;
    private int[] found = new int[64];
    private int foundCount;
    private int[] next = new int[64];
    private int[] start = new int[64];
    /** Bumped on every reuse, so that a view can tell its occurrences were overwritten. */
    private int generation;

    Occurrences(int anchors) {
      present = new boolean[anchors];
      head = new int[anchors];
    }

    boolean[] present() {
      return present;
    }

    int[] found() {
      return found;
    }

    int foundCount() {
      return foundCount;
    }

    int[] head() {
      return head;
    }

    int[] next() {
      return next;
    }

    int[] start() {
      return start;
    }

    int generation() {
      return generation;
    }

    /** Forgets the last text: only the entries it set are cleared, not the whole arrays. */
    private void clear() {
      for (int f = 0; f < foundCount; f++) {
        present[found[f]] = false;
        head[found[f]] = 0;
      }
      foundCount = 0;
      generation++;
      if (next.length > RETAINED_OCCURRENCES) {
        next = new int[64]; // one huge text must not pin its buffers to the thread for good
        start = new int[64];
      }
    }
  }

  /** Buffers sized for this automaton, to pass to {@link #scan(String, Occurrences)} again and again. */
  Occurrences newOccurrences() {
    return new Occurrences(lengths.length);
  }

  /**
   * @param anchors the literals, already normalised like the text
   * @param positional for each anchor, whether its start positions are needed (a match must begin
   *     there)
   * @param anywhere for each positional anchor, whether it may start inside a word; otherwise an
   *     anchor that begins with a letter or digit is recorded only where a word begins
   */
  AnchorAutomaton(List<String> anchors, boolean[] positional, boolean[] anywhere) {
    List<Map<Character, Integer>> trie = new ArrayList<>();
    List<List<Integer>> ends = new ArrayList<>();
    trie.add(new TreeMap<>());
    ends.add(new ArrayList<>());
    lengths = new int[anchors.size()];
    wordInitial = new boolean[anchors.size()];
    int used = 1;
    for (String anchor : anchors) {
      for (int i = 0; i < anchor.length(); i++) {
        char c = anchor.charAt(i);
        if (c < ASCII && asciiClass[c] == 0) {
          asciiClass[c] = (byte) used++;
        } else if (c >= ASCII) {
          inAnchors.set(c);
        }
      }
    }
    classes = used;
    this.positional = positional.clone();
    for (int id = 0; id < anchors.size(); id++) {
      String anchor = anchors.get(id);
      lengths[id] = anchor.length();
      wordInitial[id] = !anywhere[id] && Character.isLetterOrDigit(anchor.charAt(0));
      int node = 0;
      for (int i = 0; i < anchor.length(); i++) {
        Integer child = trie.get(node).get(anchor.charAt(i));
        if (child == null) {
          child = trie.size();
          trie.get(node).put(anchor.charAt(i), child);
          trie.add(new TreeMap<>());
          ends.add(new ArrayList<>());
        }
        node = child;
      }
      ends.get(node).add(id);
    }
    renumberBreadthFirst(trie, ends);
    int nodes = trie.size();
    if (nodes > STATE) {
      throw new IllegalStateException("too many anchor characters for the automaton: " + nodes);
    }
    fail = new int[nodes];
    keys = new char[nodes][];
    children = new int[nodes][];
    for (int n = 0; n < nodes; n++) {
      Map<Character, Integer> kids = trie.get(n);
      keys[n] = new char[kids.size()];
      children[n] = new int[kids.size()];
      int k = 0;
      for (Map.Entry<Character, Integer> e : kids.entrySet()) {
        keys[n][k] = e.getKey();
        children[n][k++] = e.getValue();
      }
    }
    asciiNext = new char[nodes * classes];
    outputs = new int[nodes][];
    linkFailures(trie, ends);
    for (int k = 0; k < asciiNext.length; k++) {
      if (outputs[asciiNext[k]] != null) {
        asciiNext[k] |= HAS_OUTPUT;
      }
    }
  }

  /**
   * Gives the states near the root, where a scan spends nearly all its time, the first rows of the
   * transition table, so that the rows a scan reads share cache lines instead of being spread over
   * the whole table in the order the anchors were inserted.
   */
  private static void renumberBreadthFirst(
      List<Map<Character, Integer>> trie, List<List<Integer>> ends) {
    int[] renamed = new int[trie.size()];
    int[] order = new int[trie.size()];
    int head = 0;
    int tail = 1;
    while (head < tail) {
      int node = order[head];
      renamed[node] = head++;
      for (int child : trie.get(node).values()) {
        order[tail++] = child;
      }
    }
    List<Map<Character, Integer>> oldTrie = new ArrayList<>(trie);
    List<List<Integer>> oldEnds = new ArrayList<>(ends);
    for (int node = 0; node < renamed.length; node++) {
      Map<Character, Integer> kids = new TreeMap<>();
      oldTrie.get(node).forEach((c, child) -> kids.put(c, renamed[child]));
      trie.set(renamed[node], kids);
      ends.set(renamed[node], oldEnds.get(node));
    }
  }

  /** Breadth-first: failure links, merged outputs and the complete ASCII transition table. */
  private void linkFailures(List<Map<Character, Integer>> trie, List<List<Integer>> ends) {
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    Map<Integer, List<Integer>> merged = new HashMap<>();
    merged.put(0, List.of());
    for (int c = 0; c < ASCII; c++) {
      Integer child = trie.get(0).get((char) c);
      if (child != null) {
        asciiNext[asciiClass[c]] = (char) (int) child;
      }
    }
    for (int child : trie.get(0).values()) {
      fail[child] = 0;
      queue.add(child);
    }
    outputs[0] = null;
    while (!queue.isEmpty()) {
      int node = queue.poll();
      List<Integer> out = new ArrayList<>(ends.get(node));
      out.addAll(merged.getOrDefault(fail[node], List.of()));
      merged.put(node, out);
      outputs[node] = out.isEmpty() ? null : out.stream().mapToInt(Integer::intValue).toArray();
      for (int c = 0; c < ASCII; c++) {
        int k = asciiClass[c];
        if (k != 0) {
          Integer child = trie.get(node).get((char) c);
          asciiNext[node * classes + k] =
              child != null ? (char) (int) child : asciiNext[fail[node] * classes + k];
        }
      }
      for (Map.Entry<Character, Integer> e : trie.get(node).entrySet()) {
        int child = e.getValue();
        fail[child] = step(fail[node], e.getKey());
        queue.add(child);
      }
    }
  }

  /** Transition by following failure links; valid once the links of shallower nodes are set. */
  private int step(int state, char c) {
    if (c < ASCII) {
      return asciiNext[state * classes + asciiClass[c]] & STATE;
    }
    if (!inAnchors.get(c)) {
      return 0; // no anchor holds it, so no state has it as a child: every failure link ends at the root
    }
    while (true) {
      int k = Arrays.binarySearch(keys[state], c);
      if (k >= 0) {
        return children[state][k];
      }
      if (state == 0) {
        return 0;
      }
      state = fail[state];
    }
  }

  Occurrences scan(String text) {
    return scan(text, newOccurrences());
  }

  /**
   * Finds the anchors of {@code text} into {@code reuse}, overwriting what it held: the arrays of
   * a fresh result are as large as the catalogue's anchors (kilobytes), and writing fresh memory
   * for every text showed in the cost.
   */
  Occurrences scan(String text, Occurrences reuse) {
    reuse.clear();
    boolean[] present = reuse.present;
    int[] head = reuse.head;
    int[] next = reuse.next;
    int[] start = reuse.start;
    int[] found = reuse.found;
    int foundCount = 0;
    int count = 0;
    int state = 0;
    for (int i = 0, n = text.length(); i < n; i++) {
      char c = text.charAt(i);
      if (c < ASCII) {
        int edge = asciiNext[state * classes + asciiClass[c]];
        state = edge & STATE;
        if (edge < HAS_OUTPUT) {
          continue;
        }
      } else {
        state = step(state, c);
        if (outputs[state] == null) {
          continue;
        }
      }
      for (int id : outputs[state]) {
        if (!present[id]) {
          present[id] = true;
          if (foundCount == found.length) {
            found = Arrays.copyOf(found, foundCount * 2);
          }
          found[foundCount++] = id;
        }
        int at = i - lengths[id] + 1;
        if (!positional[id]
            || (wordInitial[id] && at > 0 && Character.isLetterOrDigit(text.charAt(at - 1)))) {
          continue;
        }
        if (count == start.length) {
          next = Arrays.copyOf(next, count * 2);
          start = Arrays.copyOf(start, count * 2);
        }
        start[count] = at;
        next[count] = head[id];
        head[id] = ++count;
      }
    }
    reuse.found = found;
    reuse.foundCount = foundCount;
    reuse.next = next;
    reuse.start = start;
    return reuse;
  }
}
