package io.guardstream.inspect.pii;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WordTokensTest {

  @Test
  void shouldSplitWordsNumbersAndPunctuationKeepingInnerApostrophesAndHyphens() {
    WordTokens tk = new WordTokens("Côte d'Ivoire, Guinea-Bissau 12.\nApt.");
    StringBuilder kinds = new StringBuilder();
    for (int t = 0; t < tk.size; t++) {
      kinds.append(tk.kind[t]);
    }
    assertThat(kinds.toString()).isEqualTo("114125315"); // words, comma, number, dot, line break
    assertThat(tk.lower(1)).isEqualTo("d'ivoire");
    assertThat(tk.lower(3)).isEqualTo("guinea-bissau");
    assertThat(tk.dotAfter(7)).isTrue();
  }

  @Test
  void shouldTreatOneOrTwoSpacesButNotGluedOrTabularGapsAsWordSpacing() {
    WordTokens tk = new WordTokens("38Avenue 12  Main     Road");
    assertThat(tk.spaceBetween(0)).isFalse(); // 38|Avenue glued
    assertThat(tk.spaceBetween(1)).isTrue();
    assertThat(tk.spaceBetween(2)).isTrue();
    assertThat(tk.spaceBetween(3)).isFalse();
  }

  @Test
  void shouldKeepCombiningMarksAndJoinersBetweenLettersInsideWordsOfAnyScript() {
    // ASCII letters take a shortcut; everything else goes through the Unicode tables
    WordTokens tk = new WordTokens("Jose\u0301 O\u2019Brien naïve-ly Москва' x- 東京 a''b");
    StringBuilder words = new StringBuilder();
    for (int t = 0; t < tk.size; t++) {
      words.append(tk.text, tk.start[t], tk.end[t]).append('|');
    }
    assertThat(words.toString())
        .isEqualTo("Jose\u0301|O\u2019Brien|naïve-ly|Москва|'|x|-|東京|a|'|'|b|");
  }

  @Test
  void shouldGrowPastTheInitialCapacity() {
    WordTokens tk = new WordTokens("a ".repeat(1_000));
    assertThat(tk.size).isEqualTo(1_000);
    assertThat(tk.lower(999)).isEqualTo("a");
  }
}
