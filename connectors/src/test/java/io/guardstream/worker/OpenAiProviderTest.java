package io.guardstream.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.guardstream.messages.ChatMessage;
import io.guardstream.messages.Usage;
import io.guardstream.messages.WorkerRequest;
import io.guardstream.messages.WorkerResponse;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The OpenAI-compatible provider against a local fake model server: answers, retries, errors. */
class OpenAiProviderTest {

  private static final String API_KEY = "sk-test-7f3a9c1e5b2d4f60";
  private static final RetryPolicy FAST = new RetryPolicy(3, Duration.ofMillis(20), Duration.ofMillis(100), Duration.ofSeconds(10));

  private static FakeModelServer server;

  @BeforeAll
  static void startServer() throws IOException {
    server = new FakeModelServer("A");
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @Test
  void shouldAnswerWithTheProvidersUsageAndSendTheRequestIdAsIdempotencyKey() throws Exception {
    WorkerResponse answer = provider(FAST, Duration.ofSeconds(5)).answer(request("ok-1", "hello")).get(10, TimeUnit.SECONDS);

    assertThat(answer.error()).isNull();
    assertThat(answer.content()).isEqualTo("answer from A: hello");
    assertThat(answer.finishReason()).isEqualTo("stop");
    assertThat(answer.usage()).isEqualTo(new Usage(11, 7, 18));
    assertThat(answer.model()).isEqualTo("gpt-4o-mini"); // the caller's name, not the provider's
    FakeModelServer.Call call = server.calls("ok-1").get(0);
    assertThat(call.headers().get("Authorization")).containsExactly("Bearer " + API_KEY);
    assertThat(call.headers().get("X-request-id")).containsExactly("ok-1");
    assertThat(call.body().path("model").asText()).isEqualTo("llama-3.1-8b");
    assertThat(call.body().path("max_tokens").asInt()).isEqualTo(64);
    assertThat(call.body().has("top_p")).isFalse();
  }

  @Test
  void shouldEstimateUsageWhenTheProviderReportsNone() throws Exception {
    WorkerResponse answer = provider(FAST, Duration.ofSeconds(5)).answer(request("no-usage-1", "[no-usage] hi")).get(10, TimeUnit.SECONDS);

    // prompt "be brief" + "[no-usage] hi" = 21 chars, 5 tokens; answer "answer from A: [no-usage] hi" = 28 chars, 7 tokens
    assertThat(answer.usage()).isEqualTo(new Usage(5, 7, 12));
  }

  @Test
  void shouldRetryAfterTheDelayTheServerAskedForWhenThrottled() throws Exception {
    WorkerResponse answer = provider(FAST, Duration.ofSeconds(5)).answer(request("throttled-1", "[429 x1] hi")).get(10, TimeUnit.SECONDS);

    assertThat(answer.error()).isNull();
    List<FakeModelServer.Call> calls = server.calls("throttled-1");
    assertThat(calls).hasSize(2);
    // retry-after: 1 outweighs the 20 ms backoff
    assertThat(Duration.ofNanos(calls.get(1).atNanos() - calls.get(0).atNanos())).isGreaterThanOrEqualTo(Duration.ofMillis(990));
  }

  @Test
  void shouldAnswerModelUnavailableAfterMaxAttemptsWhenTheServerKeepsFailing() throws Exception {
    WorkerResponse answer = provider(FAST, Duration.ofSeconds(5)).answer(request("broken-1", "[500] hi")).get(10, TimeUnit.SECONDS);

    assertThat(answer.error().code()).isEqualTo("model_unavailable");
    assertThat(answer.error().message()).contains("500").contains("3 attempts");
    assertThat(answer.content()).isNull();
    assertThat(server.calls("broken-1")).hasSize(3);
  }

  @Test
  void shouldAnswerModelTimeoutWhenTheServerHangs() throws Exception {
    WorkerResponse answer = provider(new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(10), Duration.ofSeconds(10)), Duration.ofMillis(300))
        .answer(request("stuck-1", "[hang@A] hi")).get(10, TimeUnit.SECONDS);

    assertThat(answer.error().code()).isEqualTo("model_timeout");
    assertThat(server.calls("stuck-1")).hasSize(2);
  }

  @Test
  void shouldRejectAtOnceWithoutEchoingTheProviderMessageWhenTheServerAnswers4xx() throws Exception {
    WorkerResponse answer = provider(FAST, Duration.ofSeconds(5)).answer(request("rejected-1", "[401] hi")).get(10, TimeUnit.SECONDS);

    assertThat(answer.error().code()).isEqualTo("model_rejected");
    assertThat(answer.error().message()).contains("401").contains("invalid_api_key").doesNotContain(API_KEY);
    assertThat(server.calls("rejected-1")).hasSize(1);
  }

  @Test
  void shouldGiveUpAtOnceWhenRetryAfterWouldOverrunTheTotalTime() throws Exception {
    var tight = new RetryPolicy(5, Duration.ofMillis(10), Duration.ofMillis(10), Duration.ofMillis(500));
    WorkerResponse answer = provider(tight, Duration.ofSeconds(5)).answer(request("budget-1", "[429] hi")).get(10, TimeUnit.SECONDS);

    assertThat(answer.error().code()).isEqualTo("model_unavailable");
    assertThat(answer.error().message()).contains("retry budget spent");
    assertThat(server.calls("budget-1")).hasSize(1);
  }

  @Test
  void shouldAnswerModelUnavailableWhenNothingListens() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    var settings = new OpenAiSettings(URI.create("http://127.0.0.1:" + port + "/v1"), Map.of(), null, Duration.ofSeconds(2), FAST);
    WorkerResponse answer = new OpenAiProvider(settings).answer(request("nobody-1", "hi")).get(10, TimeUnit.SECONDS);

    assertThat(answer.error().code()).isEqualTo("model_unavailable");
    assertThat(answer.error().message()).contains("3 attempts");
  }

  @Test
  void shouldRefuseToSendAKeyOverPlainHttpWhenTheServerIsRemote() {
    ProviderApiKey key = ProviderApiKey.of("env:OPENAI_API_KEY", API_KEY.getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> new OpenAiSettings(URI.create("http://models.example.com/v1"), Map.of(), key, Duration.ofSeconds(1), FAST))
        .hasMessageStartingWith("base-url:");
    assertThatThrownBy(() -> ProviderApiKey.of("env:K", "sk-1\r\nX-Evil: 1".getBytes(StandardCharsets.UTF_8)))
        .hasMessageStartingWith("api-key:");
    assertThat(key.toString()).doesNotContain(API_KEY);
  }

  @Test
  void shouldWriteTheKeyToNoLogLineWhenCallsFail() throws Exception {
    provider(FAST, Duration.ofSeconds(5)).answer(request("logged-1", "[401] hi")).get(10, TimeUnit.SECONDS);
    provider(FAST, Duration.ofSeconds(5)).answer(request("logged-2", "[500 x1] hi")).get(10, TimeUnit.SECONDS);

    Path log = Path.of("target/connectors-test.log");
    assertThat(Files.readString(log)).contains("logged-1").doesNotContain(API_KEY);
  }

  private static OpenAiProvider provider(RetryPolicy retry, Duration callTimeout) {
    ProviderApiKey key = ProviderApiKey.of("env:OPENAI_API_KEY", API_KEY.getBytes(StandardCharsets.UTF_8));
    return new OpenAiProvider(new OpenAiSettings(server.baseUrl(), Map.of("gpt-4o-mini", "llama-3.1-8b"), key, callTimeout, retry));
  }

  static WorkerRequest request(String id, String prompt) {
    return new WorkerRequest(id, "gpt-4o-mini", List.of(new ChatMessage("system", "be brief"), new ChatMessage("user", prompt)),
        64, 0.2, null, null, null);
  }
}
