package io.guardstream.cli.demo;

import io.guardstream.messages.ChatMessage;
import io.guardstream.messages.ChatRequest;
import io.guardstream.serde.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The part of the demo's traffic that goes the way an OpenAI client would: HTTPS to the gateway,
 * trusting only the demo's self-signed certificate. Counts round trips by status and their latency.
 */
public final class DemoGatewayClient {

  private final HttpClient client;
  private final URI chatCompletions;
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong inFlight = new AtomicLong();
  private final Map<Integer, AtomicLong> byStatus = new ConcurrentHashMap<>();
  private final Recorder latency = new Recorder(3);
  private final Histogram total = new Histogram(3);

  public DemoGatewayClient(URI baseUri, SSLContext trustingTheDemoCertificate) {
    this.client = HttpClient.newBuilder().sslContext(trustingTheDemoCertificate).connectTimeout(Duration.ofSeconds(5)).build();
    this.chatCompletions = URI.create(baseUri + "/chat/completions");
  }

  /** Sends one chat request without waiting for its answer. */
  public void send(String credential, String model, String prompt) {
    var body = new ChatRequest(null, model, List.of(new ChatMessage("user", prompt)), 256, null, null, null, null);
    HttpRequest request = HttpRequest.newBuilder(chatCompletions)
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + credential)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(Json.toBytes(body)))
        .build();
    long start = System.nanoTime();
    sent.incrementAndGet();
    inFlight.incrementAndGet();
    client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
      int status = error == null ? response.statusCode() : 0;
      byStatus.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
      latency.recordValue(Math.max(1, (System.nanoTime() - start) / 1000));
      inFlight.decrementAndGet();
    });
  }

  public long sent() {
    return sent.get();
  }

  /** Round trips by HTTP status; 0 counts requests that got no HTTP answer at all. */
  public Map<Integer, Long> byStatus() {
    Map<Integer, Long> out = new TreeMap<>();
    byStatus.forEach((status, count) -> out.put(status, count.get()));
    return out;
  }

  public long answered() {
    return byStatus.values().stream().mapToLong(AtomicLong::get).sum();
  }

  /** Latency (µs) of every round trip so far, TLS and gateway included. */
  public synchronized Histogram totalLatency() {
    total.add(latency.getIntervalHistogram());
    return total.copy();
  }

  /** Waits (bounded) for the requests still in flight, so that the summary counts them. */
  public void awaitInFlight() throws InterruptedException {
    long deadline = System.currentTimeMillis() + 15_000;
    while (inFlight.get() > 0 && System.currentTimeMillis() < deadline) {
      Thread.sleep(50);
    }
  }
}
