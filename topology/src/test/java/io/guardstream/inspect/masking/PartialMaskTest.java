package io.guardstream.inspect.masking;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PartialMaskTest {

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource(delimiter = '|', value = {
      "US_SSN|536-32-6789|***-**-6789",
      "US_SSN|536 32 6789|***-**-6789",
      "CREDIT_CARD|4111 1111 1111 1234|**** **** **** 1234",
      "CREDIT_CARD|4111-1111-1111-1234|****-****-****-1234",
      "PHONE_NUMBER|+1 (415) 555-0134|+* (***) ***-0134",
      "PHONE_NUMBER|555 0134|*** **34",
      "EMAIL_ADDRESS|jane.doe@example.com|j***@example.com",
      "IBAN_CODE|DE89 3704 0044 0532 0130 00|DE** **** **** **** **30 00",
      "US_BANK_NUMBER|000123456789|********6789",
      "US_DRIVER_LICENSE|D1234567|****4567",
      "US_PASSPORT|912803456|*****3456",
      "CRYPTO|1BoatSLRHtKNngkdXEeobR76b53LETtpyT|***tpyT",
      "IP_ADDRESS|203.0.113.42|203.0.*.*",
      "IP_ADDRESS|2001:db8:85a3::8a2e:370:7334|2001:db8:*",
      "URL|https://user:pw@shop.example/orders/991?u=jane|https://shop.example/***",
      "PERSON|Jane Doe|J. D.",
  })
  void shouldKeepOnlyTheTypesRecognisablePart(String type, String value, String partial) {
    assertThat(PartialMask.of(type, value)).isEqualTo(partial);
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', value = {
      "US_SSN|5363",                   // not nine digits
      "CREDIT_CARD|4111 11",            // too few digits for a card
      "EMAIL_ADDRESS|@example.com",     // no local part
      "US_PASSPORT|C03005",             // four of six would be most of it
      "URL|https://jane-doe.example",   // the host is all there is
      "PERSON|J. Doe",                  // an initial comes back whole
      "LOCATION|Springfield",           // no safe partial form
      "ADDRESS|1 Main St",
      "SECRET|Zq9abcdefghijklmnopqrstuvwx",
      "DATE_TIME|1990-01-31",
  })
  void shouldGiveNothingWhenNoPartialFormIsSafe(String type, String value) {
    assertThat(PartialMask.of(type, value)).isNull();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {"EMAIL_ADDRESS|*@x.example"})
  void shouldNeverReturnTheValueItself(String type, String value) {
    // "*" + "***@x.example" would contain the value: the safety net gives the tag instead
    assertThat(PartialMask.of(type, value)).isNull();
  }
}
