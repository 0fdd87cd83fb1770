package io.guardstream.inspect.pii;

import java.util.List;
import java.util.Locale;
import opennlp.tools.util.featuregen.AdaptiveFeatureGenerator;
import opennlp.tools.util.featuregen.FeatureGeneratorUtil;
import opennlp.tools.util.featuregen.GeneratorFactory;

/**
 * The features the PERSON / LOCATION model is trained on (name-features.xml names this class), chosen
 * to carry over to sentences the model never saw: what a word looks like (its shape class, its
 * endings) and what the lists know of it ({@link NameLexicon}: first name, surname, place, common
 * English word), for the word and its neighbours, and the neighbours themselves ("from", "Mr",
 * "named"), but not the word itself when it is capitalised, so that no name from the training
 * sentences is learnt by heart.
 *
 * <p>Every feature depends on one word and its role (the word tagged, the one before, the one
 * after), except one pair (the word before with the shape of the word tagged), so {@link NameDecoder}
 * computes each word's features once and caches their weights. Both produce the same strings in the
 * same order: {@link #wordFeatures} is the one definition.
 */
public final class NameFeatures implements AdaptiveFeatureGenerator {

  /** A word's role relative to the word being tagged, and the prefix of its features. */
  enum Role {
    CURRENT(""),
    PREVIOUS("p1"),
    NEXT("n1"),
    /** Two words back: "Mr ." and "is" of "my name is" reach the name only from there. */
    BEFORE_PREVIOUS("p2");

    final String prefix;

    Role(String prefix) {
      this.prefix = prefix;
    }
  }

  static final String PAIR = "p1w,s=";
  /** The lexicon flags that are features: which lists hold the word. */
  private static final int LISTS = NameLexicon.FIRST_NAME | NameLexicon.SURNAME | NameLexicon.PLACE
      | NameLexicon.COMMON | NameLexicon.ENGLISH;
  private static final int MIN_SUFFIX_WORD = 4;

  /** Lets OpenNLP build this generator from the feature descriptor stored in the model. */
  public static final class Factory extends GeneratorFactory.AbstractXmlFeatureGeneratorFactory {
    @Override
    public AdaptiveFeatureGenerator create() {
      return new NameFeatures();
    }
  }

  @Override
  public void createFeatures(List<String> features, String[] tokens, int index, String[] previousOutcomes) {
    NameLexicon lexicon = NameLexicon.instance();
    String token = tokens[index];
    wordFeatures(token, lexicon.flags(token), Role.CURRENT, features);
    if (index > 0) {
      wordFeatures(tokens[index - 1], lexicon.flags(tokens[index - 1]), Role.PREVIOUS, features);
    }
    if (index + 1 < tokens.length) {
      wordFeatures(tokens[index + 1], lexicon.flags(tokens[index + 1]), Role.NEXT, features);
    }
    if (index > 1) {
      wordFeatures(tokens[index - 2], lexicon.flags(tokens[index - 2]), Role.BEFORE_PREVIOUS, features);
    }
    if (index > 0) {
      features.add(PAIR + tokens[index - 1].toLowerCase(Locale.ROOT) + "," + FeatureGeneratorUtil.tokenFeature(token));
    }
  }

  /** The features of one word in one role, in the order the decoder sums them. */
  static void wordFeatures(String token, int lexiconFlags, Role role, List<String> out) {
    int flags = lexiconFlags & LISTS;
    String shape = FeatureGeneratorUtil.tokenFeature(token);
    String lower = token.toLowerCase(Locale.ROOT);
    String p = role.prefix;
    String lists = lists(flags);
    if (role == Role.BEFORE_PREVIOUS) {
      out.add(p + "w=" + lower);
      return;
    }
    out.add(p + "s=" + shape);
    out.add(p + "sl=" + shape + "," + lists);
    if (flags != 0) {
      out.add(p + "l=" + lists);
    }
    boolean capitalised = !token.isEmpty() && Character.isUpperCase(token.charAt(0));
    if (role != Role.CURRENT || !capitalised) {
      out.add(p + "w=" + lower);
    }
    if (role == Role.CURRENT && capitalised && lower.length() >= MIN_SUFFIX_WORD) {
      for (int n = 2; n <= 4 && n < lower.length(); n++) {
        out.add("suf" + n + "=" + lower.substring(lower.length() - n));
      }
    }
  }

  /** The lists a word is on, as letters: F first name, S surname, P place, C common word, E dictionary word; "-" for none. */
  static String lists(int flags) {
    if (flags == 0) {
      return "-";
    }
    StringBuilder s = new StringBuilder(4);
    if ((flags & NameLexicon.FIRST_NAME) != 0) {
      s.append('F');
    }
    if ((flags & NameLexicon.SURNAME) != 0) {
      s.append('S');
    }
    if ((flags & NameLexicon.PLACE) != 0) {
      s.append('P');
    }
    if ((flags & NameLexicon.COMMON) != 0) {
      s.append('C');
    }
    if ((flags & NameLexicon.ENGLISH) != 0) {
      s.append('E');
    }
    return s.toString();
  }
}
