package io.guardstream.inspect.pii;

import static io.guardstream.inspect.pii.Detections.found;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CreditCardRecognizerTest {

  private final CreditCardRecognizer recognizer = new CreditCardRecognizer();

  @Test
  void shouldFindLuhnValidCardWhenSeparatedBySpaces() {
    assertThat(found(recognizer, "card 4111 1111 1111 1111 exp 12/29")).containsExactly("4111 1111 1111 1111");
  }

  @Test
  void shouldFindLuhnValidCardWhenSeparatedByDashes() {
    assertThat(found(recognizer, "pay with 5500-0000-0000-0004.")).containsExactly("5500-0000-0000-0004");
  }

  @ParameterizedTest
  @ValueSource(strings = {"4716154971968724", "378282246310005", "30579675742677", "4039838161911",
      "180016070420458", "3598899323053410", "4273468222888969924", "3782 822463 10005"})
  void shouldFindCardsOfEveryLengthAndScheme(String pan) {
    assertThat(found(recognizer, "number " + pan + " please")).containsExactly(pan);
  }

  @Test
  void shouldNotFlagLuhnInvalidCard() {
    assertThat(found(recognizer, "card 4111 1111 1111 1112")).isEmpty();
  }

  @Test
  void shouldNotFlagMixedSeparatorsOrOddGrouping() {
    assertThat(found(recognizer, "card 4111-1111 1111-1111")).isEmpty();
    assertThat(found(recognizer, "id 41 1111 1111 1111 11")).isEmpty();
  }

  @Test
  void shouldNotFlagTwentyDigitNumber() {
    assertThat(found(recognizer, "trace 41111111111111111113")).isEmpty();
  }

  @Test
  void shouldFindTwelveDigitMaestroOnlyNextToCardWord() {
    assertThat(found(recognizer, "What is the limit for card 501864667909?")).containsExactly("501864667909");
    assertThat(found(recognizer, "invoice 501864667909")).isEmpty();
  }

  @Test
  void shouldScoreHigherWithCardContext() {
    assertThat(Detections.scoreOf(recognizer, "my credit card 4111111111111111"))
        .isGreaterThan(Detections.scoreOf(recognizer, "id 4111111111111111"));
  }
}
