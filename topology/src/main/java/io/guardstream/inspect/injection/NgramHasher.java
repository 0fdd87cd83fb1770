package io.guardstream.inspect.injection;

import java.util.function.IntConsumer;

/**
 * The features of the injection classifier: word unigrams, bigrams and trigrams of normalised
 * text, each reduced to a 32-bit hash. Hashing keeps the model a fixed-size weight table with no
 * vocabulary to ship. Word sequences carry the attack phrasing ("from now on you", "stay in
 * character", "you are going to"); on the dev data they generalised better across sources than
 * character 4-grams, which mostly learned each source's register (long documents versus short
 * questions) and cost three times as many lookups.
 *
 * <p>The trainer and the scorer both go through {@link #forEach}, so a model can never be applied
 * to features computed differently from those it was trained on. No allocation per text beyond
 * what the consumer does. Stateless and thread-safe.
 */
final class NgramHasher {

  private static final int UNIGRAM_SEED = 0x1B873593;
  private static final int BIGRAM_SEED = 0x5BD1E995;
  private static final int TRIGRAM_SEED = 0x2545F491;
  private static final int MIX = 0x9E3779B1;

  private NgramHasher() {}

  /** Feeds every feature hash of {@code text} (already normalised, lowercase) to {@code sink}. */
  static void forEach(CharSequence text, IntConsumer sink) {
    int n = text.length();
    int word = 0x811C9DC5;
    int wordLength = 0;
    int previous = 0;
    int beforePrevious = 0;
    int wordsSeen = 0;
    for (int i = 0; i <= n; i++) {
      char c = i < n ? text.charAt(i) : ' ';
      if (isWordChar(c)) {
        word = (word ^ c) * 0x01000193;
        wordLength++;
        continue;
      }
      if (wordLength == 0) {
        continue;
      }
      sink.accept(fmix32(word ^ UNIGRAM_SEED));
      if (wordsSeen >= 1) {
        sink.accept(fmix32((previous * MIX + word) ^ BIGRAM_SEED));
      }
      if (wordsSeen >= 2) {
        sink.accept(fmix32(((beforePrevious * MIX + previous) * MIX + word) ^ TRIGRAM_SEED));
      }
      beforePrevious = previous;
      previous = word;
      wordsSeen++;
      word = 0x811C9DC5;
      wordLength = 0;
    }
  }

  /** ASCII letters and digits: one table read per character instead of three range tests. */
  private static final boolean[] ASCII_WORD = new boolean[0x80];

  static {
    for (char c = 0; c < 0x80; c++) {
      ASCII_WORD[c] = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
    }
  }

  private static boolean isWordChar(char c) {
    return c < 0x80 ? ASCII_WORD[c] : Character.isLetterOrDigit(c);
  }

  /** The MurmurHash3 finaliser: every input bit affects every output bit. */
  private static int fmix32(int h) {
    h ^= h >>> 16;
    h *= 0x85EBCA6B;
    h ^= h >>> 13;
    h *= 0xC2B2AE35;
    h ^= h >>> 16;
    return h;
  }
}
