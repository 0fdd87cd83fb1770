package io.guardstream.inspect.pii;

import static io.guardstream.inspect.pii.Detections.found;
import static io.guardstream.inspect.pii.Detections.scoreOf;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PhoneRecognizerTest {

  private final PhoneRecognizer recognizer = new PhoneRecognizer();

  @ParameterizedTest
  @ValueSource(strings = {
      "(978)645-9740", "978-249-9678", "438.812.1525", "001-432-815-4117", "+1-054-353-1726x16954",
      "(251)500-2136x739", "+41 (0)85 806 98 67", "+447700 921 916", "+46 (0)8 928 571 38",
      "+447700677662", "1-800-555-0199", "(555) 123-4567"})
  void shouldFindUsAndInternationalFormatsWithoutContext(String number) {
    assertThat(found(recognizer, "see " + number + " below")).containsExactly(number);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0489 25 37 29", "024 971 50 30", "0961-7596216", "079 0442 1744"})
  void shouldFindTrunkPrefixedNationalNumbersWithoutContext(String number) {
    assertThat(found(recognizer, "reply to " + number + " today")).containsExactly(number);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "You can call 9320 7126", "Phone: 72 128 827", "Mobile: 0341 8387176", "Desk: 5403926876",
      "call me on 33 93 31"})
  void shouldFindLooselyGroupedNumberWhenPhoneWordIsOnTheLine(String text) {
    assertThat(found(recognizer, text)).hasSize(1);
  }

  @Test
  void shouldFindNumberFollowedByItsRole() {
    assertThat(found(recognizer, "Ecuador 25602\n9761 9808 office\n438.812.1525 fax"))
        .containsExactly("9761 9808", "438.812.1525");
  }

  @Test
  void shouldFindNumbersSeparatedByEscapedComma() {
    assertThat(found(recognizer, "(22) 154-300-office\\,001-771-975-4619-fax"))
        .containsExactly("(22) 154-300", "001-771-975-4619");
  }

  @Test
  void shouldNotFlagOrderNumberAsPhone() {
    assertThat(found(recognizer, "Your order number 1234567890 has shipped")).isEmpty();
    assertThat(found(recognizer, "order number 55 123 456 confirmed, call us if late")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "population 1234567", "on 2024-01-31 at noon", "back on 31.01.2024", "version 1.2.3.4",
      "ip 192.168.100.200", "ssn 123-45-6789", "pi is 3.14159265", "total 12345678 bytes",
      "at 12:30:45 today", "zip 94105", "amount 1,234,567"})
  void shouldNotFlagPlainNumbersDatesAndOtherEntities(String text) {
    assertThat(found(recognizer, text)).isEmpty();
  }

  @Test
  void shouldNotTakeZipCodeOnPreviousLineIntoNumber() {
    assertThat(found(recognizer, "Togo 95522\n(85) 5986-8343-Office")).containsExactly("(85) 5986-8343");
  }

  @Test
  void shouldScoreHigherWithContext() {
    assertThat(Detections.scoreOf(recognizer, "call 978-249-9678"))
        .isGreaterThan(Detections.scoreOf(recognizer, "see 978-249-9678"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"+999 1234 5678", "+0 123 456 789", "+1 23 45 67 89 01 23 45"})
  void shouldDropPlusNumberThatNoNumberingPlanCouldDial(String number) {
    // plus and eight digits is a strong shape; libphonenumber knows there is no such country or length
    assertThat(found(recognizer, "see " + number + " below")).isEmpty();
  }

  @Test
  void shouldScoreNumberValidInItsPlanAboveShapeAlone() {
    // an assigned California area code and exchange, no phone word on the line
    assertThat(scoreOf(recognizer, "see +1 650-253-0000 below")).isGreaterThanOrEqualTo(PhoneRecognizer.VALIDATED);
    // the same shape with an area code no plan assigns stays at the shape's score, and is still found
    assertThat(scoreOf(recognizer, "see +1 054-353-1726 below")).isLessThan(PhoneRecognizer.VALIDATED);
  }

  @Test
  void shouldJudgeNumbersPastTheParseBudgetByShapeAlone() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < PhoneRecognizer.MAX_CHECKS_PER_TEXT; i++) {
      text.append("+1 650-253-00").append(10 + i).append('\n');
    }
    text.append("+999 1234 5678\n"); // dropped when parsed; past the budget it is kept on its shape
    assertThat(found(recognizer, text.toString())).hasSize(PhoneRecognizer.MAX_CHECKS_PER_TEXT + 1);
  }
}
