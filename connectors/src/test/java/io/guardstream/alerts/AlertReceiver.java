package io.guardstream.alerts;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local webhook receiver that does what the README tells receivers to do: verify the signature and
 * timestamp over the raw body (401 when they do not hold). Per alert id it can be told to fail the
 * first N attempts, or every attempt, with a given status and {@code Retry-After}.
 */
final class AlertReceiver implements AutoCloseable {

  static final Duration TOLERANCE = Duration.ofMinutes(5);

  record Request(String alertId, Map<String, List<String>> headers, byte[] body, boolean verified, int status, long atNanos) {}

  private record Plan(int failures, int status, String retryAfter) {}

  private final WebhookSignature signature;
  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Map<String, Plan> plans = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

  AlertReceiver(String secret) throws IOException {
    signature = new WebhookSignature(secret);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/hooks/alerts", this::handle);
    server.setExecutor(threads);
    server.start();
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/alerts");
  }

  /** The first {@code n} attempts for {@code alertId} get {@code status}; {@code retryAfter} may be null. */
  AlertReceiver failFirst(String alertId, int n, int status, String retryAfter) {
    plans.put(alertId, new Plan(n, status, retryAfter));
    return this;
  }

  AlertReceiver alwaysFail(String alertId, int status) {
    return failFirst(alertId, Integer.MAX_VALUE, status, null);
  }

  List<Request> requests() {
    return List.copyOf(requests);
  }

  List<Request> requests(String alertId) {
    return requests.stream().filter(r -> alertId.equals(r.alertId())).toList();
  }

  List<Request> accepted() {
    return requests.stream().filter(r -> r.status() == 204).toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange; InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readAllBytes();
      String alertId = exchange.getRequestHeaders().getFirst(WebhookPoster.ALERT_ID_HEADER);
      boolean verified = signature.verify(
          exchange.getRequestHeaders().getFirst(WebhookSignature.TIMESTAMP_HEADER),
          exchange.getRequestHeaders().getFirst(WebhookSignature.SIGNATURE_HEADER),
          body, Instant.now(), TOLERANCE);
      int attempt = attempts.computeIfAbsent(String.valueOf(alertId), k -> new AtomicInteger()).incrementAndGet();
      Plan plan = plans.get(String.valueOf(alertId));
      int status = !verified ? 401 : plan != null && attempt <= plan.failures() ? plan.status() : 204;
      if (status != 204 && plan != null && plan.retryAfter() != null) {
        exchange.getResponseHeaders().set("Retry-After", plan.retryAfter());
      }
      requests.add(new Request(alertId, Map.copyOf(exchange.getRequestHeaders()), body, verified, status, System.nanoTime()));
      exchange.sendResponseHeaders(status, -1);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
