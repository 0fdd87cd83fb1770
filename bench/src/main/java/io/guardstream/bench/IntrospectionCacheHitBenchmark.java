package io.guardstream.bench;

import com.sun.net.httpserver.HttpServer;
import io.guardstream.auth.AuthResult;
import io.guardstream.auth.OpaqueTokenVerifier;
import io.guardstream.auth.RemoteCredentialAlerts;
import io.guardstream.auth.remote.IntrospectionSettings;
import io.guardstream.auth.remote.TokenIntrospector;
import io.guardstream.config.RoleSettings;
import io.guardstream.config.Secret;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * An opaque OAuth 2.0 access token whose RFC 7662 introspection answer is cached, through
 * {@link OpaqueTokenVerifier} as the authenticate stage calls it: SHA-256 of the token, cache lookup
 * and expiry check, then scopes mapped to a role. A real HTTP server on loopback, started at setup,
 * answered each of the 64 tokens once; setup checks that a second pass reaches it no more.
 */
public class IntrospectionCacheHitBenchmark extends SuiteSettings {

  private static final int TOKENS = 64;

  private final String[] tokens = new String[TOKENS];
  private final AtomicInteger calls = new AtomicInteger();
  private HttpServer server;
  private OpaqueTokenVerifier verifier;
  private long now;
  private int next;

  @Setup
  public void setUp() throws IOException {
    now = System.currentTimeMillis();
    long exp = now / 1000 + TimeUnit.HOURS.toSeconds(6);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/introspect", exchange -> {
      calls.incrementAndGet();
      exchange.getRequestBody().readAllBytes();
      byte[] body = ("{\"active\":true,\"sub\":\"bench-svc\",\"scope\":\"chat\",\"client_id\":\"bench\",\"exp\":" + exp + "}")
          .getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
    URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/introspect");
    // plain HTTP on loopback only: a cache hit never reaches the network, so TLS would change nothing measured
    var settings = new IntrospectionSettings(endpoint, "guardstream-bench",
        Secret.ephemeral("bench-client-secret", new byte[32]), Duration.ofSeconds(2), Duration.ofHours(1),
        Duration.ofSeconds(10), 10_000, 5, Duration.ofSeconds(30), true);
    verifier = new OpaqueTokenVerifier(new TokenIntrospector(settings, null, new RemoteCredentialAlerts()),
        Map.of("chat", new RoleSettings("chat", List.of("gpt-4o-mini"), null, null, null, null)), "bench-idp");
    Random random = new Random(7);
    for (int i = 0; i < TOKENS; i++) {
      byte[] bytes = new byte[32];
      random.nextBytes(bytes);
      tokens[i] = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
      Benchmarks.require(verifier.verify(tokens[i], now) instanceof AuthResult.Authenticated, "an active token must verify");
    }
    for (int i = 0; i < TOKENS; i++) {
      verify();
    }
    Benchmarks.require(calls.get() == TOKENS, "every token after the first pass must be a cache hit");
  }

  @TearDown
  public void tearDown() {
    server.stop(0);
  }

  @Benchmark
  public AuthResult verify() {
    return verifier.verify(tokens[next++ & (TOKENS - 1)], now);
  }
}
