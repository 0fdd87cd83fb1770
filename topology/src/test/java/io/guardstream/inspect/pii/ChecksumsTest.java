package io.guardstream.inspect.pii;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChecksumsTest {

  @Test
  void shouldValidateLuhnIgnoringSeparators() {
    assertThat(Checksums.luhn("4111-1111-1111-1111")).isTrue();
    assertThat(Checksums.luhn("4111 1111 1111 1112")).isFalse();
  }

  @Test
  void shouldValidateIbanMod97() {
    assertThat(Checksums.ibanMod97("GB82WEST12345698765432")).isTrue();
    assertThat(Checksums.ibanMod97("GB82WEST12345698765423")).isFalse();
  }

  @Test
  void shouldValidateAbaRoutingCheckDigitOnExactlyNineDigits() {
    assertThat(Checksums.abaRouting("021000021")).isTrue();
    assertThat(Checksums.abaRouting("021000012")).isFalse(); // two digits swapped
    assertThat(Checksums.abaRouting("02100002")).isFalse();
    assertThat(Checksums.abaRouting("02100002a")).isFalse();
  }

  @Test
  void shouldValidateBase58CheckAndRejectUnknownVersion() {
    assertThat(Checksums.base58Check("1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2")).isTrue();
    assertThat(Checksums.base58Check("1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN0")).isFalse();
  }

  @Test
  void shouldValidateBech32AndBech32m() {
    assertThat(Checksums.bech32("bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq")).isTrue();
    assertThat(Checksums.bech32("bc1p5d7rjq7g6rdk2yhzks9smlaqtedr4dekq08ge8ztwac72sfr9rusxg3297")).isTrue();
    assertThat(Checksums.bech32("BC1QAR0SRRR7XFKVY5L643LYDNW9RE59GTZZWF5MDQ")).isTrue();
    assertThat(Checksums.bech32("bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdQ")).isFalse();
  }
}
