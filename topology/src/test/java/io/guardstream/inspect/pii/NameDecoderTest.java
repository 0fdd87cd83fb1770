package io.guardstream.inspect.pii;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import opennlp.tools.namefind.NameFinderME;
import opennlp.tools.namefind.TokenNameFinderModel;
import opennlp.tools.util.Span;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link NameDecoder} must be OpenNLP's {@link NameFinderME} with a beam of one, only faster: the
 * same spans, types and probabilities (as doubles, not approximately) on every window.
 */
class NameDecoderTest {

  private static final String[] SENTENCES = {
    "Please forward the invoice to Mrs. Hanne Kreutzmann before Friday .",
    "I lost my card yesterday . My name is Sarah Iwase .",
    "Jonathan had given Nicolas his address : 92 95 Burton Avenue , Okoia",
    "I am in KATRINEHOLM for a business trip",
    "Aristóteles spent a year at Jones , Mitchell and Williams as the assistant to Aristóteles Ávalos",
    "The Jason Castro version recorded for Allianz became the first celebrity recording",
    "Kafka is a log . Write a poem about Paris and Berlin in the style of Goethe",
    // case folding corner cases: dotless i, dotted capital I, long s, Kelvin sign, final sigma
    "Kırk met İstanbul and ſarah near the \u212Aelvin Street with Σοφία",
    "ひらがな カタカナ 東京 in Tōkyō with José María Aznar and 12-34 1,000 3.5 A. B2B",
    "Dr. O'Neil-Smith , d'Ivoire and Guinea-Bissau , McDonald met DAN and ChatGPT",
    "",
  };

  private static TokenNameFinderModel model;
  private static NameDecoder decoder;

  @BeforeAll
  static void load() throws IOException {
    try (InputStream in = NameTagger.class.getResourceAsStream(NameTagger.MODEL_RESOURCE)) {
      model = new TokenNameFinderModel(in);
    }
    decoder = new NameDecoder(model);
  }

  @Test
  void shouldFindWhatOpenNlpFindsWithTheSameProbabilitiesOnEveryWindow() {
    NameFinderME reference = new NameFinderME(model);
    List<String[]> windows = new ArrayList<>();
    for (String sentence : SENTENCES) {
      String[] tokens = sentence.isEmpty() ? new String[0] : sentence.split(" ");
      for (int from = 0; from < tokens.length; from++) {
        for (int to = from + 1; to <= tokens.length; to++) {
          windows.add(Arrays.copyOfRange(tokens, from, to));
        }
      }
    }
    int named = 0;
    for (int round = 0; round < 2; round++) { // the second round reads the decoder's word cache
      for (String[] window : windows) {
        Span[] expected = reference.find(window);
        double[] expectedProbs = reference.probs(expected);
        NameDecoder.Found found = decoder.find(window);
        assertThat(found.spans()).as(String.join(" ", window)).containsExactly(expected);
        assertThat(types(found.spans())).as(String.join(" ", window)).isEqualTo(types(expected));
        assertThat(found.probs()).as(String.join(" ", window)).containsExactly(expectedProbs);
        named += expected.length;
      }
    }
    assertThat(named).as("the comparison must cover windows with names").isGreaterThan(100);
  }

  @Test
  void shouldMatchOpenNlpOnRandomWordSalad() {
    NameFinderME reference = new NameFinderME(model);
    String[] vocabulary = String.join(" ", SENTENCES).split(" ");
    Random random = new Random(42);
    for (int i = 0; i < 2_000; i++) {
      String[] window = new String[1 + random.nextInt(6)];
      for (int t = 0; t < window.length; t++) {
        window[t] = vocabulary[random.nextInt(vocabulary.length)];
      }
      Span[] expected = reference.find(window);
      double[] expectedProbs = reference.probs(expected);
      NameDecoder.Found found = decoder.find(window);
      assertThat(found.spans()).as(String.join(" ", window)).containsExactly(expected);
      assertThat(found.probs()).as(String.join(" ", window)).containsExactly(expectedProbs);
    }
  }

  private static List<String> types(Span[] spans) {
    return Arrays.stream(spans).map(Span::getType).toList();
  }
}
