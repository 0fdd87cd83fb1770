package io.guardstream.inspect.pii;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * What a word is known to be: a first name, a surname, a place, a common English word, a word of an
 * English dictionary (any combination). Names and places come from datafaker's locales, dictionary
 * words from SCOWL (see NOTICE): names drawn from them carry
 * over to sentences of any template, where the words a template puts around a name do not.
 *
 * <p>Lookups read a region of the text case-insensitively and allocate nothing: one open-addressing
 * table maps each case-folded entry to its flags. Loaded once per JVM; immutable and thread-safe.
 */
final class NameLexicon {

  static final int FIRST_NAME = 1;
  static final int SURNAME = 2;
  static final int PLACE = 4;
  static final int COMMON = 8;
  /** Any lower-case word of an English dictionary: "Sun", "Price" and "Mark" are, "Kafka" is not. */
  static final int ENGLISH = 16;
  /** The first word of a multi-word place ("San" of "San Francisco"): only then is a phrase looked up. */
  static final int PLACE_PHRASE_START = 32;

  private static final String[] RESOURCES = {"first-names.txt", "surnames.txt", "places.txt", "common-words.txt", "english-words.txt"};
  private static final int[] FLAGS = {FIRST_NAME, SURNAME, PLACE, COMMON, ENGLISH};
  /** Multi-word places ("New York", "Costa Rica") are matched by {@link #placePhrase}, up to this many words. */
  static final int MAX_PLACE_WORDS = 4;

  private static final class Holder {
    static final NameLexicon INSTANCE = new NameLexicon();
  }

  private final String[] keys;
  /** Each slot's full hash, so a probe compares strings only when the hashes agree. */
  private final int[] hashes;
  private final byte[] flags;
  private final int mask;
  /** Lower-cased multi-word places, words separated by one space. */
  private final Set<String> placePhrases = new HashSet<>();

  static NameLexicon instance() {
    return Holder.INSTANCE;
  }

  private NameLexicon() {
    int capacity = 1 << 18; // ~120k distinct words: a load under a quarter keeps probe runs short
    keys = new String[capacity];
    hashes = new int[capacity];
    flags = new byte[capacity];
    mask = capacity - 1;
    for (int r = 0; r < RESOURCES.length; r++) {
      for (String entry : read(RESOURCES[r])) {
        String lower = entry.toLowerCase(Locale.ROOT);
        if (lower.indexOf(' ') < 0) {
          add(lower, FLAGS[r]);
        } else if (FLAGS[r] == PLACE) {
          placePhrases.add(lower);
          add(lower.substring(0, lower.indexOf(' ')), PLACE_PHRASE_START);
        }
      }
    }
  }

  private static Iterable<String> read(String resource) {
    Set<String> entries = new HashSet<>();
    try (InputStream in = NameLexicon.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("name list missing from classpath: " + resource);
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (!line.isBlank() && !line.startsWith("#")) {
          entries.add(line.strip());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read name list " + resource, e);
    }
    return entries;
  }

  private void add(String lower, int flag) {
    int hash = hash(lower, 0, lower.length());
    int slot = hash & mask;
    while (keys[slot] != null && !keys[slot].equals(lower)) {
      slot = (slot + 1) & mask;
    }
    keys[slot] = lower;
    hashes[slot] = hash;
    flags[slot] |= (byte) flag;
  }

  /** Flags of the word text[start, end), or 0 when no list holds it. */
  int flags(String text, int start, int end) {
    int length = end - start;
    int hash = hash(text, start, end);
    int slot = hash & mask;
    for (String key = keys[slot]; key != null; key = keys[slot]) {
      if (hashes[slot] == hash && key.length() == length && text.regionMatches(true, start, key, 0, length)) {
        return flags[slot];
      }
      slot = (slot + 1) & mask;
    }
    return 0;
  }

  int flags(String word) {
    return flags(word, 0, word.length());
  }

  /** True when the words, lower-cased and joined by single spaces, are a known multi-word place. */
  boolean placePhrase(String lowerWords) {
    return placePhrases.contains(lowerWords);
  }

  /** A hash of the lower-cased chars, so any capitalisation of a word lands on its entry's slot. */
  private static int hash(String s, int start, int end) {
    int h = 0;
    for (int i = start; i < end; i++) {
      char c = s.charAt(i);
      h = 31 * h + (c < 0x80 ? (c >= 'A' && c <= 'Z' ? c + 32 : c) : Character.toLowerCase(c));
    }
    return h ^ (h >>> 15) ^ (h >>> 7);
  }
}
