package io.guardstream.inspect.pii;

import static io.guardstream.inspect.pii.Detections.found;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UsSsnRecognizerTest {

  private final UsSsnRecognizer recognizer = new UsSsnRecognizer();

  @Test
  void shouldFindDashedSsnWithHighScoreWhenSsnIsMentioned() {
    assertThat(found(recognizer, "Here's my SSN: 849-66-3189")).containsExactly("849-66-3189");
    assertThat(Detections.scoreOf(recognizer, "Here's my SSN: 849-66-3189")).isGreaterThan(0.9);
  }

  @Test
  void shouldFindDashedSsnWithoutContextAtMediumScore() {
    assertThat(Detections.scoreOf(recognizer, "on file: 536-32-3065")).isBetween(0.5, 0.7);
  }

  @Test
  void shouldFindBareNineDigitsOnlyWithContext() {
    assertThat(found(recognizer, "social security number 536323065")).containsExactly("536323065");
    assertThat(found(recognizer, "ticket 536323065 closed")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"000-12-3456", "666-12-3456", "900-12-3456", "987-65-4320", "123-00-4567",
      "123-45-0000", "123-45-6789", "078-05-1120", "111-11-1111"})
  void shouldRejectNumbersSsaNeverIssues(String ssn) {
    assertThat(found(recognizer, "SSN " + ssn)).isEmpty();
  }

  @Test
  void shouldRejectMixedSeparatorsAndLongerNumbers() {
    assertThat(found(recognizer, "SSN 536-32 3065")).isEmpty();
    assertThat(found(recognizer, "SSN 536-32-30651")).isEmpty();
    assertThat(found(recognizer, "ref 1536-32-3065")).isEmpty();
  }
}
