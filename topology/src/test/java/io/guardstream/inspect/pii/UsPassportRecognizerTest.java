package io.guardstream.inspect.pii;

import static io.guardstream.inspect.pii.Detections.found;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UsPassportRecognizerTest {

  private final UsPassportRecognizer recognizer = new UsPassportRecognizer();

  @Test
  void shouldFindLetterAndEightDigitsWithPassportContext() {
    assertThat(found(recognizer, "My passport number is A12345678.")).containsExactly("A12345678");
    assertThat(Detections.scoreOf(recognizer, "Passport: C03005988")).isGreaterThanOrEqualTo(0.75);
  }

  @Test
  void shouldFindNineDigitsWithPassportContext() {
    assertThat(found(recognizer, "US passport 912803456 expires soon")).containsExactly("912803456");
  }

  @Test
  void shouldNotFindEitherShapeWithoutPassportContext() {
    assertThat(found(recognizer, "order number A12345678 was shipped")).isEmpty();
    assertThat(found(recognizer, "ticket 912803456 was closed yesterday")).isEmpty();
  }

  @Test
  void shouldRejectOtherShapes() {
    assertThat(found(recognizer, "passport AB1234567")).isEmpty();
    assertThat(found(recognizer, "passport 12345678")).isEmpty();
    assertThat(found(recognizer, "passport 1234567890")).isEmpty();
    assertThat(found(recognizer, "passport 000000000")).isEmpty();
  }
}
