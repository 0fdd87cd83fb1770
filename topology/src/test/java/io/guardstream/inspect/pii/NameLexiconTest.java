package io.guardstream.inspect.pii;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NameLexiconTest {

  private final NameLexicon lexicon = NameLexicon.instance();

  @Test
  void shouldKnowWordsWhateverTheirCase() {
    assertThat(lexicon.flags("Priyanka") & NameLexicon.FIRST_NAME).isNotZero();
    assertThat(lexicon.flags("PRIYANKA")).isEqualTo(lexicon.flags("priyanka"));
    assertThat(lexicon.flags("Portugal") & NameLexicon.PLACE).isNotZero();
  }

  @Test
  void shouldLookUpAWordInsideATextWithoutCuttingItOut() {
    String text = "moved to Portugal, then";
    assertThat(lexicon.flags(text, 9, 17)).isEqualTo(lexicon.flags("Portugal"));
    assertThat(lexicon.flags(text, 9, 16)).isNotEqualTo(lexicon.flags("Portugal"));
  }

  @Test
  void shouldMarkDictionaryWordsThatAreAlsoNames() {
    int baker = lexicon.flags("Baker");
    assertThat(baker & NameLexicon.SURNAME).isNotZero();
    assertThat(baker & NameLexicon.ENGLISH).isNotZero();
    assertThat(lexicon.flags("Venkataraman")).isZero();
  }

  @Test
  void shouldKnowMultiWordPlaces() {
    assertThat(lexicon.placePhrase("san francisco")).isTrue();
    assertThat(lexicon.placePhrase("data platform")).isFalse();
  }
}
