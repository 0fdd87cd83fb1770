package io.guardstream.inspect.pii;

import static io.guardstream.inspect.pii.Detections.found;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DriverLicenseRecognizerTest {

  private final DriverLicenseRecognizer recognizer = new DriverLicenseRecognizer();

  @Test
  void shouldFindNumberAfterLicencePhrase() {
    assertThat(found(recognizer, "My driver's license number is A125325867")).containsExactly("A125325867");
    assertThat(found(recognizer, "driving licence: LH329609T")).containsExactly("LH329609T");
    assertThat(found(recognizer, "DL# 2270-66-1551")).containsExactly("2270-66-1551");
  }

  @Test
  void shouldNotFlagNumberWithoutLicencePhrase() {
    assertThat(found(recognizer, "My membership number is A125325867")).isEmpty();
  }

  @Test
  void shouldNotFlagWordsAfterPhrase() {
    assertThat(found(recognizer, "driver's license renewal opens in 2025")).isEmpty();
  }
}
