package io.guardstream.inspect.pii;

import static io.guardstream.inspect.pii.Detections.found;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UsBankNumberRecognizerTest {

  private final UsBankNumberRecognizer recognizer = new UsBankNumberRecognizer();

  @ParameterizedTest
  @ValueSource(strings = {"021000021", "011000015", "122105155", "322271627", "061000104"})
  void shouldFindValidRoutingNumberWithRoutingContext(String routing) {
    assertThat(found(recognizer, "Our routing number is " + routing + ".")).containsExactly(routing);
    assertThat(found(recognizer, "ABA " + routing)).containsExactly(routing);
    assertThat(Detections.scoreOf(recognizer, "RTN: " + routing)).isGreaterThanOrEqualTo(0.8);
  }

  @Test
  void shouldNotFindRoutingNumberWithBadChecksum() {
    assertThat(found(recognizer, "routing number 021000022")).isEmpty();
    assertThat(recognizer.validate("021000022")).isFalse();
  }

  @Test
  void shouldNotFindRoutingNumberOutsideFederalReservePrefixes() {
    // 131000018 passes the ABA checksum but 13 is no Federal Reserve district prefix
    assertThat(Checksums.abaRouting("131000018")).isTrue();
    assertThat(found(recognizer, "routing number 131000013")).isEmpty();
  }

  @Test
  void shouldNotFindRoutingNumberWithoutContext() {
    assertThat(found(recognizer, "order 021000021 shipped")).isEmpty();
  }

  @Test
  void shouldFindAccountNumberOnlyWithAccountContext() {
    assertThat(found(recognizer, "bank account 4829173650")).containsExactly("4829173650");
    assertThat(found(recognizer, "Account number: 12345678901")).containsExactly("12345678901");
    assertThat(found(recognizer, "checking acct #000123456789")).containsExactly("000123456789");
    assertThat(found(recognizer, "tracking id 4829173650")).isEmpty();
  }

  @Test
  void shouldIgnoreRunsTooShortTooLongOrPartOfALongerNumber() {
    assertThat(found(recognizer, "account number 1234567")).isEmpty();
    assertThat(found(recognizer, "account number 123456789012345678")).isEmpty();
    assertThat(found(recognizer, "account number 12345678.50")).isEmpty();
    assertThat(found(recognizer, "savings account 2024-03-1512345678")).isEmpty();
    assertThat(found(recognizer, "account number 00000000")).isEmpty();
  }
}
