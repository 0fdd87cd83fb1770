package io.guardstream.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressTest {

  private final ClientAddress behindProxies =
      new ClientAddress(List.of(Cidr.parse("10.0.0.0/8"), Cidr.parse("192.168.1.7"), Cidr.parse("fd00::/8")));

  @Test
  void shouldIgnoreForwardedForWhenThePeerIsNotATrustedProxy() {
    assertThat(behindProxies.resolve("203.0.113.9", List.of("198.51.100.1"))).isEqualTo("203.0.113.9");
  }

  @Test
  void shouldTakeTheRightmostUntrustedHopWhenThePeerIsATrustedProxy() {
    // the client wrote 1.1.1.1 itself; the trusted proxies appended what they saw
    assertThat(behindProxies.resolve("10.1.2.3", List.of("1.1.1.1, 198.51.100.20, 10.9.9.9"))).isEqualTo("198.51.100.20");
  }

  @Test
  void shouldReadSeveralForwardedForHeadersInOrderWhenAProxyAddsItsOwn() {
    assertThat(behindProxies.resolve("192.168.1.7", List.of("198.51.100.20", "10.0.0.5"))).isEqualTo("198.51.100.20");
  }

  @Test
  void shouldStopAtTheReportingProxyWhenAHopIsNotAnAddress() {
    assertThat(behindProxies.resolve("10.1.2.3", List.of("evil.example.com, 10.0.0.5"))).isEqualTo("10.0.0.5");
  }

  @Test
  void shouldKeepThePeerWhenNoForwardedForIsSent() {
    assertThat(behindProxies.resolve("10.1.2.3", List.of())).isEqualTo("10.1.2.3");
  }

  @Test
  void shouldTrustIpv6RangesAndStripPortsWhenProxiesWriteThem() {
    assertThat(behindProxies.resolve("fd12::1", List.of("[2001:db8::7]:443"))).isEqualTo("2001:db8:0:0:0:0:0:7");
    assertThat(behindProxies.resolve("10.0.0.1", List.of("198.51.100.20:5555"))).isEqualTo("198.51.100.20");
  }

  @Test
  void shouldTrustNothingWhenNoProxiesAreConfigured() {
    assertThat(new ClientAddress(List.of()).resolve("10.1.2.3", List.of("198.51.100.20"))).isEqualTo("10.1.2.3");
  }

  @Test
  void shouldMatchOnlyAddressesInsideTheRangeWhenThePrefixIsNotByteAligned() {
    Cidr range = Cidr.parse("172.16.0.0/12");
    assertThat(range.contains(IpLiteral.parse("172.31.255.255"))).isTrue();
    assertThat(range.contains(IpLiteral.parse("172.32.0.0"))).isFalse();
    assertThat(range.contains(IpLiteral.parse("::1"))).isFalse();
  }

  @Test
  void shouldRejectRangesThatAreNotLiteralsWhenParsing() {
    assertThatThrownBy(() -> Cidr.parse("localhost")).hasMessageContaining("'localhost' is not an IP address");
    assertThatThrownBy(() -> Cidr.parse("10.0.0.0/33")).hasMessageContaining("prefix length outside 0..32");
    assertThat(IpLiteral.parse("256.1.1.1")).isNull();
    assertThat(IpLiteral.parse("1.2.3")).isNull();
    assertThat(IpLiteral.parse("abc")).isNull();
  }
}
