package io.guardstream.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A waiting request holds no thread: far more requests wait at once than Jetty has threads. */
class GatewayAsyncTest {

  private static final int THREADS = 12;
  private static final int WAITING = 60;

  /** Holds every request until the test releases them all. */
  static final class HeldPipeline implements RequestReply {
    final List<CompletableFuture<GatewayReply>> held = new CopyOnWriteArrayList<>();

    @Override
    public CompletableFuture<GatewayReply> exchange(String requestId, byte[] body, String authorization, String clientAddress) {
      CompletableFuture<GatewayReply> reply = new CompletableFuture<>();
      held.add(reply);
      return reply;
    }

    void releaseAll() {
      byte[] body = "{\"object\":\"chat.completion\",\"choices\":[]}".getBytes(StandardCharsets.UTF_8);
      held.forEach(r -> r.complete(new GatewayReply(200, body, Map.of())));
    }

    @Override
    public boolean ready() {
      return true;
    }

    @Override
    public void close() {}
  }

  @TempDir Path dir;

  @Test
  void shouldHoldManyMoreWaitingRequestsThanThreadsWhenAnswersAreSlow() throws Exception {
    var certificate = SelfSignedCertificate.generate(dir, Duration.ofDays(1));
    var pipeline = new HeldPipeline();
    var config = new GatewayConfig("unused:9092", "127.0.0.1", 0, certificate.tls(), Duration.ofSeconds(30), 65_536, 1_000,
        List.of(), List.of(), "llm.requests", "llm.responses");
    try (Gateway gateway = Gateway.start(config, pipeline, THREADS)) {
      HttpClient client = HttpClient.newBuilder().sslContext(certificate.sslContext()).build();
      List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
      for (int i = 0; i < WAITING; i++) {
        calls.add(client.sendAsync(HttpRequest.newBuilder(gateway.baseUri().resolve("/v1/chat/completions"))
            .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"m\",\"messages\":[]}")).build(),
            HttpResponse.BodyHandlers.ofString()));
      }
      await("every request waiting for its answer at once").atMost(Duration.ofSeconds(30))
          .until(() -> pipeline.held.size() == WAITING);
      // while they all wait, the server still answers
      var health = client.send(HttpRequest.newBuilder(gateway.baseUri().resolve("/healthz")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);
      pipeline.releaseAll();
      for (CompletableFuture<HttpResponse<String>> call : calls) {
        assertThat(call.get().statusCode()).isEqualTo(200);
      }
    }
  }
}
