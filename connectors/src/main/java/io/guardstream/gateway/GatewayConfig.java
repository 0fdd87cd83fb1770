package io.guardstream.gateway;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything the gateway needs, already validated (the {@code gateway} command loads it from the
 * properties file and the environment and fails with one line naming the key).
 *
 * @param host address to bind, {@code 0.0.0.0} for every interface
 * @param port TCP port; 0 picks a free one (tests, the demo)
 * @param tls the keystore to serve HTTPS with, or null for plain HTTP behind a TLS-terminating proxy
 * @param replyTimeout how long a request waits for its answer on the responses topic before a 504
 * @param maxBodyBytes request bodies above this are refused with 413 before they reach Kafka
 * @param maxPending requests waiting for an answer at once; above it the gateway answers 503
 * @param corsOrigins browser origins allowed to call the API ({@code *} for any)
 * @param trustedProxies peers whose {@code X-Forwarded-For} is believed
 */
public record GatewayConfig(
    String bootstrapServers,
    String host,
    int port,
    Tls tls,
    Duration replyTimeout,
    int maxBodyBytes,
    int maxPending,
    List<String> corsOrigins,
    List<Cidr> trustedProxies,
    String requestsTopic,
    String responsesTopic) {

  public GatewayConfig {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(replyTimeout, "replyTimeout");
    corsOrigins = List.copyOf(corsOrigins);
    trustedProxies = List.copyOf(trustedProxies);
    Objects.requireNonNull(requestsTopic, "requestsTopic");
    Objects.requireNonNull(responsesTopic, "responsesTopic");
  }

  /** The same settings on another port. */
  public GatewayConfig withPort(int newPort) {
    return new GatewayConfig(bootstrapServers, host, newPort, tls, replyTimeout, maxBodyBytes, maxPending, corsOrigins,
        trustedProxies, requestsTopic, responsesTopic);
  }

  /** A keystore (PKCS12 or JKS) holding the server's key and certificate chain. */
  public record Tls(Path keystore, String keystoreType, String password) {

    public Tls {
      Objects.requireNonNull(keystore, "keystore");
      Objects.requireNonNull(keystoreType, "keystoreType");
      Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
      return "Tls[keystore=" + keystore + ", type=" + keystoreType + ", password=redacted]";
    }
  }
}
