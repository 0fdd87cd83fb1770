package io.guardstream.inspect.pii;

import java.util.HashSet;
import java.util.Set;
import opennlp.tools.dictionary.Dictionary;
import opennlp.tools.util.StringList;

/**
 * A case-insensitive gazetteer of single tokens. Most tokens are rejected by one set lookup of
 * their case-folded form; the few that pass are confirmed by the dictionary itself, so
 * membership is exactly OpenNLP's.
 */
final class GazetteerLookup {

  private final Dictionary dictionary;
  private final Set<String> folded = new HashSet<>();

  GazetteerLookup(Dictionary dictionary) {
    if (dictionary.getMaxTokenCount() > 1 || dictionary.isCaseSensitive()) {
      throw new IllegalStateException("NameDecoder expects case-insensitive single-token gazetteers");
    }
    this.dictionary = dictionary;
    for (StringList entry : dictionary) {
      folded.add(fold(entry.getToken(0)));
    }
  }

  boolean contains(String token) {
    return folded.contains(fold(token)) && dictionary.contains(new StringList(token));
  }

  /** The form String.compareToIgnoreCase compares: each char upper-cased, then lower-cased. */
  private static String fold(String s) {
    char[] chars = new char[s.length()];
    for (int i = 0; i < chars.length; i++) {
      chars[i] = Character.toLowerCase(Character.toUpperCase(s.charAt(i)));
    }
    return new String(chars);
  }
}
