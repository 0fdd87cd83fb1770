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
  record Occurrences(
      boolean[] present, int[] found, int foundCount, int[] head, int[] next, int[] start) {}

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
    int nodes = trie.size();
    if (nodes > Character.MAX_VALUE) {
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
      return asciiNext[state * classes + asciiClass[c]];
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
    boolean[] present = new boolean[lengths.length];
    int[] head = new int[lengths.length];
    int[] next = new int[16];
    int[] start = new int[16];
    int[] found = new int[16];
    int foundCount = 0;
    int count = 0;
    int state = 0;
    for (int i = 0; i < text.length(); i++) {
      state = step(state, text.charAt(i));
      int[] out = outputs[state];
      if (out == null) {
        continue;
      }
      for (int id : out) {
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
    return new Occurrences(present, found, foundCount, head, next, start);
  }
}
