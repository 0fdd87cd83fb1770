package io.guardstream.inspect.pii;

import static io.guardstream.inspect.pii.Detections.found;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressRecognizerTest {

  private static final AddressRecognizer RECOGNIZER = new AddressRecognizer();

  @Test
  void shouldFindUsStreetWithUnitCityStateAndZip() {
    assertThat(found(RECOGNIZER, "Ship it to 1600 Amphitheatre Parkway, Apt. 4, Mountain View, CA 94043 please"))
        .containsExactly("1600 Amphitheatre Parkway, Apt. 4, Mountain View, CA 94043");
  }

  @Test
  void shouldFindMultiLineAddressBlock() {
    assertThat(found(RECOGNIZER, "Megan Carey\n60 1908 Derby Ave\nSchipluiden\n, ZH\n 17885\nMobile: 0341 8387176"))
        .containsExactly("60 1908 Derby Ave\nSchipluiden\n, ZH\n 17885");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Wiesenstrasse 31", "Ringvej 144", "Via dei Fiorentini 17", "ul. Posejdona 90",
      "40 rue Victor Hugo", "Trenerys gate 232", "Kaarikatu 32", "Calle Proc. San Sebastián 1",
      "Λ. Πεντέλης 152", "59 Metsanurga 48"})
  void shouldFindEuropeanStreetConventions(String street) {
    assertThat(found(RECOGNIZER, "We meet at " + street + " tomorrow")).containsExactly(street);
  }

  @Test
  void shouldFindCountryAndPostalCodeAfterStreet() {
    assertThat(found(RECOGNIZER, "send a new one to 35 Hausergasse 59 Suite 106, Karlovy Vary 17, Japan 67785? I am in"))
        .containsExactly("35 Hausergasse 59 Suite 106, Karlovy Vary 17, Japan 67785");
  }

  @Test
  void shouldJoinUnitBeforeStreetIntoOneAddress() {
    assertThat(found(RECOGNIZER, "Mrs. Barbara Yudina Apt. 675 62314 Mellemvej 32\nAalborg NO 9100"))
        .containsExactly("Apt. 675 62314 Mellemvej 32\nAalborg NO 9100");
  }

  @Test
  void shouldFindMilitaryAddresses() {
    assertThat(found(RECOGNIZER, "I'd like it to be sent to PSC 4457, Box 7534\nAPO AP 95145"))
        .containsExactly("PSC 4457, Box 7534\nAPO AP 95145");
    assertThat(found(RECOGNIZER, "to USNS Vestergaard\nFPO AA 08331? I am in"))
        .containsExactly("USNS Vestergaard\nFPO AA 08331");
  }

  @Test
  void shouldFindPostalCodeNamedAsSuch() {
    assertThat(found(RECOGNIZER, "My zip code is 49865")).containsExactly("49865");
  }

  @Test
  void shouldFindIntersection() {
    assertThat(found(RECOGNIZER, "Address: the corner of ul. Cicha 86 and Leokadia Trail?"))
        .containsExactly("the corner of ul. Cicha 86 and Leokadia Trail");
  }

  @Test
  void shouldStopBeforePhoneNumberOnNextLine() {
    assertThat(found(RECOGNIZER, "5 Lindman Street\nBremen\nEcuador 25602\n9761 9808 office"))
        .containsExactly("5 Lindman Street\nBremen\nEcuador 25602");
  }

  @Test
  void shouldFindAddressInAllLowerCaseText() {
    assertThat(found(RECOGNIZER, "joshua\n\n49 reykjarhóli 70\n suite 770\n fljót\n nauru 25389"))
        .containsExactly("49 reykjarhóli 70\n suite 770\n fljót\n nauru 25389");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "talk about Fight Club 12) Tyler Durden",
      "SAMSUNG 980 PRO SSD 2TB PCIe NVMe Gen 4",
      "M.2 Internal Solid State Hard Drive",
      "You've received $2 657.81 via ACH",
      "Windows 11 and Python 3",
      "on 12 March 2020 we met",
      "I walked 3 miles to the green park",
      "rules 4. For each all 6 rules OS analyses 3",
      "base64 AgV4TakqXDSaUSruBPiKENLUg+aN/Z5HzG4y5q21GOWteXBNZSVXAh1G8ZCdf8AKaa73",
      "Chapter 12 Section 4 of the Highway Code",
  })
  void shouldNotFlagNumbersNextToOrdinaryWords(String text) {
    assertThat(found(RECOGNIZER, text)).isEmpty();
  }
}
