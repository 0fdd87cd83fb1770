package io.guardstream.inspect.pii;

import static io.guardstream.inspect.pii.Detections.found;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LocationRecognizerTest {

  private final LocationRecognizer recognizer = new LocationRecognizer(new NameTagger());

  @Test
  void shouldFindPlaceAfterPreposition() {
    assertThat(found(recognizer, "We moved here from Paterna del Madera")).containsExactly("Paterna del Madera");
  }

  @Test
  void shouldNotFlagAllCapitalsWord() {
    assertThat(found(recognizer, "START EVERYTHING NOW")).isEmpty();
  }

  @Test
  void shouldNotExtendPlaceOverLowerCaseWord() {
    assertThat(found(recognizer, "She moved here from South Korea and never left."))
        .allSatisfy(place -> assertThat(place).doesNotEndWith(" and"));
  }
}
