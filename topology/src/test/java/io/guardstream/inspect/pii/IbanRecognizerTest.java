package io.guardstream.inspect.pii;

import static io.guardstream.inspect.pii.Detections.found;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IbanRecognizerTest {

  private final IbanRecognizer recognizer = new IbanRecognizer();

  @Test
  void shouldFindIbanPrintedInGroupsOfFour() {
    assertThat(found(recognizer, "IBAN: GB82 WEST 1234 5698 7654 32 (Barclays)"))
        .containsExactly("GB82 WEST 1234 5698 7654 32");
  }

  @Test
  void shouldFindContiguousAndLowerCaseIban() {
    assertThat(found(recognizer, "transfer to DE89370400440532013000 today")).containsExactly("DE89370400440532013000");
    assertThat(found(recognizer, "my iban is gb82west12345698765432")).containsExactly("gb82west12345698765432");
  }

  @Test
  void shouldNotFlagIbanWithWrongCheckDigits() {
    assertThat(found(recognizer, "IBAN GB82 WEST 1234 5698 7654 33")).isEmpty();
  }

  @Test
  void shouldNotFlagIbanOfWrongLengthForItsCountry() {
    assertThat(found(recognizer, "IBAN DE8937040044053201300")).isEmpty();
  }

  @Test
  void shouldNotSwallowFollowingWord() {
    assertThat(found(recognizer, "GB82 WEST 1234 5698 7654 32 is mine")).containsExactly("GB82 WEST 1234 5698 7654 32");
  }
}
