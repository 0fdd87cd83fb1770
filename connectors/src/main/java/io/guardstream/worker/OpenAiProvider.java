package io.guardstream.worker;

import io.guardstream.messages.WorkerError;
import io.guardstream.messages.WorkerRequest;
import io.guardstream.messages.WorkerResponse;
import io.guardstream.serde.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls an OpenAI-compatible {@code POST /chat/completions} (OpenAI, vLLM, Ollama, LiteLLM, ...)
 * with retries, and turns the last failure into a {@link WorkerError} the pipeline answers with 502.
 *
 * <p>The JDK's {@link HttpClient} rather than Jetty's: it is asynchronous ({@code sendAsync} holds no
 * thread while the model thinks, which is most of a call), speaks HTTP/2 over TLS, and adds no
 * dependency to the connectors, whose Jetty version is the gateway's to choose.
 *
 * <p>The request id is sent as {@code Idempotency-Key} and {@code X-Request-Id} on every attempt,
 * so a provider that deduplicates can recognise a retry or another worker's repeat of the call.
 */
public final class OpenAiProvider implements ModelProvider {

  private static final Logger LOG = LoggerFactory.getLogger(OpenAiProvider.class);

  private final OpenAiSettings settings;
  private final URI endpoint;
  private final HttpClient client;
  private final Clock clock;
  private volatile boolean closed;

  public OpenAiProvider(OpenAiSettings settings) {
    this(settings, Clock.systemUTC());
  }

  OpenAiProvider(OpenAiSettings settings, Clock clock) {
    this.settings = settings;
    this.endpoint = settings.chatCompletions();
    this.clock = clock;
    boolean tls = settings.baseUrl().getScheme().toLowerCase(Locale.ROOT).equals("https");
    this.client = HttpClient.newBuilder()
        // h2c upgrade on plain http confuses some local model servers; HTTP/2 only where TLS negotiates it
        .version(tls ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1)
        .connectTimeout(settings.callTimeout().compareTo(Duration.ofSeconds(10)) < 0 ? settings.callTimeout() : Duration.ofSeconds(10))
        .followRedirects(HttpClient.Redirect.NEVER) // a redirect would carry the bearer key elsewhere
        .build();
  }

  @Override
  public String name() {
    return "openai";
  }

  @Override
  public CompletableFuture<WorkerResponse> answer(WorkerRequest request) {
    byte[] body = Json.toBytes(ChatCompletionCall.of(request, settings.providerModel(request.model())));
    Instant deadline = clock.instant().plus(settings.retry().maxTotalTime());
    return attempt(request, body, 1, deadline);
  }

  private CompletableFuture<WorkerResponse> attempt(WorkerRequest request, byte[] body, int attempt, Instant deadline) {
    if (closed) {
      // the worker is gone: a retry now would be a model call whose answer nobody can commit
      return CompletableFuture.completedFuture(error(request, CallOutcome.MODEL_UNAVAILABLE, "the worker closed", attempt - 1));
    }
    Duration left = Duration.between(clock.instant(), deadline);
    Duration timeout = settings.callTimeout().compareTo(left) < 0 ? settings.callTimeout() : left;
    if (timeout.isNegative() || timeout.isZero()) {
      return CompletableFuture.completedFuture(error(request, CallOutcome.MODEL_TIMEOUT, "no time left for another attempt", attempt - 1));
    }
    HttpRequest.Builder http = HttpRequest.newBuilder(endpoint)
        .timeout(timeout)
        .header("Content-Type", "application/json")
        .header("Accept", "application/json")
        .header("Idempotency-Key", request.requestId())
        .header("X-Request-Id", request.requestId())
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (settings.apiKey() != null) {
      http.header("Authorization", settings.apiKey().authorization());
    }
    return client.sendAsync(http.build(), HttpResponse.BodyHandlers.ofByteArray())
        // the request timeout covers the headers; this one also covers a body that stalls
        .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .handle((response, failure) -> failure == null ? CallOutcome.of(request, response, clock.instant()) : CallOutcome.of(failure))
        .thenCompose(outcome -> next(request, body, attempt, deadline, outcome));
  }

  private CompletableFuture<WorkerResponse> next(WorkerRequest request, byte[] body, int attempt, Instant deadline, CallOutcome outcome) {
    if (outcome instanceof CallOutcome.Answer answer) {
      return CompletableFuture.completedFuture(answer.response());
    }
    CallOutcome.Failure failure = (CallOutcome.Failure) outcome;
    if (!failure.retryable() || attempt >= settings.retry().maxAttempts()) {
      return CompletableFuture.completedFuture(error(request, failure.code(), failure.reason(), attempt));
    }
    Duration delay = settings.retry().delayBefore(attempt, failure.retryAfter(), ThreadLocalRandom.current()::nextDouble);
    if (clock.instant().plus(delay).isAfter(deadline)) {
      // waiting would overrun the caller's budget: fail now rather than answer after it has given up
      return CompletableFuture.completedFuture(error(request, failure.code(), failure.reason() + "; retry budget spent", attempt));
    }
    LOG.debug("model call retry: request={} attempt={} delayMs={} reason={}", request.requestId(), attempt + 1, delay.toMillis(), failure.reason());
    return CompletableFuture.supplyAsync(() -> null, CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS))
        .thenCompose(ignored -> attempt(request, body, attempt + 1, deadline));
  }

  /** Starts no more attempts; calls already sent finish, and their answers are dropped by the closed worker. */
  @Override
  public void close() {
    closed = true;
  }

  private static WorkerResponse error(WorkerRequest request, String code, String reason, int attempts) {
    String message = reason + " (" + attempts + (attempts == 1 ? " attempt)" : " attempts)");
    LOG.warn("model call failed: request={} code={} {}", request.requestId(), code, message);
    return new WorkerResponse(request.requestId(), request.model(), null, null, null, new WorkerError(code, message), System.currentTimeMillis());
  }
}
