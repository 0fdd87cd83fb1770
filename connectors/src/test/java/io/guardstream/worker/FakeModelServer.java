package io.guardstream.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.guardstream.serde.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local OpenAI-compatible chat-completions server. The last user message steers it:
 * <ul>
 *   <li>{@code [429 xN]} / {@code [500 xN]}: that status for the first N calls of the idempotency key
 *       (without {@code xN}: every call); 429 carries {@code retry-after: 1};
 *   <li>{@code [401]}: a rejection whose error message echoes the key, as OpenAI's 401 does;
 *   <li>{@code [hang@NAME]}: never answers, on the server called NAME only;
 *   <li>{@code [slow]}: answers after 100 ms, {@code [sleep Nms]} after N ms; {@code [no-usage]}: answers without {@code usage};
 *   <li>anything else: {@code "answer from NAME: <message>"} with usage 11 + 7 = 18 tokens.
 * </ul>
 * It counts calls per {@code Idempotency-Key}, remembers their headers, bodies and times, and the
 * most calls it ever had in flight at once.
 */
final class FakeModelServer implements AutoCloseable {

  private static final Pattern SLEEP = Pattern.compile("\\[sleep (\\d+)ms]");
  private static final Pattern DIRECTIVE = Pattern.compile("\\[(429|500|401|hang@\\w+|slow|no-usage)(?: x(\\d+))?]");

  record Call(long atNanos, Map<String, List<String>> headers, JsonNode body) {}

  private final String name;
  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final Map<String, List<Call>> calls = new ConcurrentHashMap<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();

  FakeModelServer(String name) throws IOException {
    this.name = name;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/v1/chat/completions", this::handle);
    server.setExecutor(threads);
    server.start();
  }

  URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
  }

  List<Call> calls(String idempotencyKey) {
    return calls.getOrDefault(idempotencyKey, List.of());
  }

  int totalCalls() {
    return calls.values().stream().mapToInt(List::size).sum();
  }

  int maxInFlight() {
    return maxInFlight.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    int now = inFlight.incrementAndGet();
    maxInFlight.accumulateAndGet(now, Math::max);
    try {
      JsonNode body = Json.MAPPER.readTree(exchange.getRequestBody().readAllBytes());
      String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
      List<Call> forKey = calls.computeIfAbsent(String.valueOf(key), k -> new CopyOnWriteArrayList<>());
      forKey.add(new Call(System.nanoTime(), Map.copyOf(exchange.getRequestHeaders()), body));
      JsonNode messages = body.path("messages");
      String last = messages.path(messages.size() - 1).path("content").asText();
      Matcher m = DIRECTIVE.matcher(last);
      boolean found = m.find();
      String directive = found ? m.group(1) : "";
      boolean applies = found && (m.group(2) == null || forKey.size() <= Integer.parseInt(m.group(2)));
      if (directive.equals("429") && applies) {
        exchange.getResponseHeaders().add("retry-after", "1");
        send(exchange, 429, "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}");
      } else if (directive.equals("500") && applies) {
        send(exchange, 500, "{\"error\":{\"message\":\"The server had an error\",\"type\":\"server_error\"}}");
      } else if (directive.equals("401")) {
        String auth = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
        send(exchange, 401, "{\"error\":{\"message\":\"Incorrect API key provided: " + auth
            + "\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}");
      } else if (directive.equals("hang@" + name)) {
        stopped.await(); // holds the exchange until the server stops, as a stuck model would
      } else {
        if (directive.equals("slow")) {
          TimeUnit.MILLISECONDS.sleep(100);
        }
        Matcher sleep = SLEEP.matcher(last);
        if (sleep.find()) {
          TimeUnit.MILLISECONDS.sleep(Long.parseLong(sleep.group(1)));
        }
        String content = Json.MAPPER.writeValueAsString("answer from " + name + ": " + last);
        send(exchange, 200, "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"model\":" + Json.MAPPER.writeValueAsString(body.path("model").asText())
            + ",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":" + content + "},\"finish_reason\":\"stop\"}]"
            + (directive.equals("no-usage") ? "}" : ",\"usage\":{\"prompt_tokens\":11,\"completion_tokens\":7,\"total_tokens\":18}}"));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      inFlight.decrementAndGet();
      exchange.close();
    }
  }

  private static void send(HttpExchange exchange, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    stopped.countDown();
    server.stop(0);
    threads.shutdownNow();
  }
}
