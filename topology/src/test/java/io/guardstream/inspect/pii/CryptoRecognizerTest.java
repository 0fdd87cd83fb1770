package io.guardstream.inspect.pii;

import static io.guardstream.inspect.pii.Detections.found;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CryptoRecognizerTest {

  private final CryptoRecognizer recognizer = new CryptoRecognizer();

  @ParameterizedTest
  @ValueSource(strings = {"1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2", "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy",
      "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq"})
  void shouldFindChecksumValidBitcoinAddress(String address) {
    assertThat(found(recognizer, "send to " + address + " now")).containsExactly(address);
  }

  @Test
  void shouldNotFlagAddressWithBadChecksum() {
    assertThat(found(recognizer, "send to 1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3")).isEmpty();
    assertThat(found(recognizer, "send to bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdz")).isEmpty();
  }
}
