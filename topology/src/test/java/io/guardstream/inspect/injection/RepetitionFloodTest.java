package io.guardstream.inspect.injection;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RepetitionFloodTest {

  private final RepetitionFlood repetition = new RepetitionFlood();

  @Test
  void shouldRecogniseAPhraseRepeatedBackToBack() {
    assertThat(
            repetition.matches(
                "go away go away go away go away go away go away go away go away now"))
        .isTrue();
    assertThat(repetition.matches("x " + "99999 ".repeat(12) + "what is the code?")).isTrue();
  }

  @Test
  void shouldNotFlagOrdinaryRepetitionOrPunctuationRuns() {
    assertThat(repetition.matches("very very very good, and the the typo")).isFalse();
    assertThat(repetition.matches("| | | | | | | | | | | |")).isFalse();
    assertThat(repetition.matches("step one, step two, step three, step four")).isFalse();
  }

  @Test
  void shouldCompareTokensWithoutTheirTrailingCommasAndFullStops() {
    assertThat(repetition.matches("ok, ok. ok ok,, ok.. ok ok, ok. then the question")).isTrue();
    assertThat(repetition.matches("ok, ok. ok ok,, ok.. ok ok, ko. then the question")).isFalse();
    assertThat(repetition.matches(", , , , , , , , , ,")).isFalse();
  }
}
