package io.guardstream.inspect.pii;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ContextWordsTest {

  @Test
  void shouldMatchWholeWordsCaseInsensitively() {
    ContextWords words = ContextWords.of("ssn", "call me");
    assertThat(words.before("Here's my SSN: X", 15, 30)).isTrue();
    assertThat(words.before("Please CALL ME at X", 18, 30)).isTrue();
    assertThat(words.before("the lessn is X", 12, 30)).isFalse();
  }

  @Test
  void shouldNotCrossLineBreakWhenLineBound() {
    ContextWords words = ContextWords.onSameLine("fax");
    String text = "fax\n123";
    assertThat(words.before(text, 4, 30)).isFalse();
    assertThat(ContextWords.of("fax").before(text, 4, 30)).isTrue();
  }

  @Test
  void shouldLookAfterTheMatch() {
    assertThat(ContextWords.onSameLine("office").after("9761 9808 office", 9, 12)).isTrue();
  }
}
