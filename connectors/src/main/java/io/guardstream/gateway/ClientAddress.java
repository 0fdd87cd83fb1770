package io.guardstream.gateway;

import java.net.InetAddress;
import java.util.List;

/**
 * Who the client is, for the {@code client-address} record header (the pipeline pseudonymises it
 * and the anomaly rules group auth failures by it). {@code X-Forwarded-For} is believed only as far
 * as it was written by proxies we trust: any client can send the header, so taking it from an
 * untrusted peer would let an attacker spread its failures over invented addresses.
 */
public final class ClientAddress {

  private final List<Cidr> trustedProxies;

  public ClientAddress(List<Cidr> trustedProxies) {
    this.trustedProxies = List.copyOf(trustedProxies);
  }

  /**
   * The client's address: the peer itself unless it is a trusted proxy; then, reading
   * {@code X-Forwarded-For} from the right (each proxy appends the address it saw), the first hop
   * that is not itself a trusted proxy. A hop that is not an IP literal ends the walk at the
   * trusted proxy that reported it, since nothing left of it can be checked.
   *
   * @param peer the TCP peer's address as text
   * @param forwardedFor every {@code X-Forwarded-For} header value, in the order received
   */
  public String resolve(String peer, List<String> forwardedFor) {
    InetAddress current = IpLiteral.parse(peer);
    if (current == null || !isTrusted(current) || forwardedFor.isEmpty()) {
      return peer;
    }
    String hops = String.join(",", forwardedFor);
    int end = hops.length();
    while (end > 0) {
      int comma = hops.lastIndexOf(',', end - 1);
      String hop = hops.substring(comma + 1, end).trim();
      end = comma < 0 ? 0 : comma;
      if (hop.isEmpty()) {
        continue;
      }
      InetAddress address = IpLiteral.parse(hop);
      if (address == null) {
        break;
      }
      current = address;
      if (!isTrusted(address)) {
        break;
      }
    }
    return current.getHostAddress();
  }

  private boolean isTrusted(InetAddress address) {
    for (Cidr range : trustedProxies) {
      if (range.contains(address)) {
        return true;
      }
    }
    return false;
  }
}
