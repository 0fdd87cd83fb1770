package io.guardstream.inspect.pii;

import static io.guardstream.inspect.pii.Detections.found;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressRecognizerTest {

  private final IpAddressRecognizer recognizer = new IpAddressRecognizer();

  @ParameterizedTest
  @ValueSource(strings = {"41.173.96.26", "10.0.0.1", "255.255.255.255", "4f8a:c99e:dc86:faf9:5988:5f63:375e:8a2a",
      "3b20:9a3a:1b2f:7ce:9ef1:4787:85fc:261e", "2001:db8::8a2e:370:7334", "::ffff:192.0.2.128", "fe80::1:2:3"})
  void shouldFindParsedIpv4AndIpv6(String ip) {
    assertThat(found(recognizer, "keep getting address " + ip + " blocked")).containsExactly(ip);
  }

  @ParameterizedTest
  @ValueSource(strings = {"version 1.2.3.4.5", "octet 256.1.1.1", "at 10:30:00", "mac 00:1A:2B:3C:4D:5E",
      "std::vector<int>", "a::b", "two :: colons", "12.34.56", "v1.2.3"})
  void shouldNotFlagLookAlikes(String text) {
    assertThat(found(recognizer, text)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"fe80::1:2:3", "2001:db8::8a2e:370:7334", "abcd:ef01:2345:6789:abcd:ef01:2345:6789",
      "::ffff:192.0.2.128"})
  void shouldFindIpv6WhoseFirstColonIsAtTheEdgeOfTheLookAhead(String ip) {
    // the first group of an IPv6 address has up to four hex digits, so its first colon is at most
    // four chars in; the scan looks no further, and must still find every address in long prose
    String prose = "a bed faced a cafe: ".repeat(40);
    assertThat(found(recognizer, prose + ip + " then " + prose)).containsExactly(ip);
  }

  @Test
  void shouldRejectIpv6WithTwoCompressions() {
    assertThat(found(recognizer, "addr 2001::db8::1")).isEmpty();
  }

  @Test
  void shouldStopBeforeSentencePunctuation() {
    assertThat(found(recognizer, "Connect to 10.1.2.3. Then log in.")).containsExactly("10.1.2.3");
  }
}
