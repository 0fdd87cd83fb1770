package io.guardstream.worker;

import com.fasterxml.jackson.databind.JsonNode;
import io.guardstream.messages.Usage;
import io.guardstream.messages.WorkerRequest;
import io.guardstream.messages.WorkerResponse;
import io.guardstream.serde.Json;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

/** What one HTTP attempt at the model came to: an answer, or a failure that may be worth retrying. */
sealed interface CallOutcome {

  /** The {@code WorkerError} code after the last attempt failed this way. */
  String MODEL_UNAVAILABLE = "model_unavailable";
  String MODEL_TIMEOUT = "model_timeout";
  String MODEL_REJECTED = "model_rejected";
  String MODEL_BAD_RESPONSE = "model_bad_response";

  record Answer(WorkerResponse response) implements CallOutcome {}

  record Failure(String code, String reason, boolean retryable, Optional<Duration> retryAfter) implements CallOutcome {}

  /** Classifies a completed exchange. */
  static CallOutcome of(WorkerRequest request, HttpResponse<byte[]> response, Instant now) {
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return parseAnswer(request, response.body());
    }
    // 408 and 409 (OpenAI: "a request with this idempotency key is in progress") pass with time
    boolean retryable = status == 408 || status == 409 || status == 429 || status >= 500;
    String code = retryable ? MODEL_UNAVAILABLE : MODEL_REJECTED;
    return new Failure(code, "the model server answered " + status + errorCode(status, response.body()),
        retryable, retryable ? RetryAfter.of(response.headers(), now) : Optional.empty());
  }

  /** Classifies an exchange that did not complete. */
  static CallOutcome of(Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    if (cause instanceof HttpConnectTimeoutException || cause instanceof ConnectException) {
      return new Failure(MODEL_UNAVAILABLE, "cannot connect to the model server", true, Optional.empty());
    }
    if (cause instanceof HttpTimeoutException || cause instanceof TimeoutException) {
      return new Failure(MODEL_TIMEOUT, "the model server did not answer in time", true, Optional.empty());
    }
    if (cause instanceof IOException) {
      return new Failure(MODEL_UNAVAILABLE, "connection to the model server failed: " + cause.getClass().getSimpleName(), true, Optional.empty());
    }
    return new Failure(MODEL_UNAVAILABLE, "the model call failed: " + cause.getClass().getSimpleName(), false, Optional.empty());
  }

  /**
   * The provider's machine-readable error code and type ({@code context_length_exceeded}), but not
   * its message: providers echo inputs there, a partly masked API key included on a 401.
   */
  private static String errorCode(int status, byte[] body) {
    try {
      JsonNode error = Json.MAPPER.readTree(body).path("error");
      String code = error.path("code").asText("");
      String type = error.path("type").asText("");
      String detail = code.isEmpty() ? type : code;
      return detail.isEmpty() || detail.length() > 64 ? "" : " (" + detail + ")";
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }

  private static CallOutcome parseAnswer(WorkerRequest request, byte[] body) {
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(body);
    } catch (IOException e) {
      return new Failure(MODEL_BAD_RESPONSE, "the model server's answer is not JSON", false, Optional.empty());
    }
    JsonNode choice = root.path("choices").path(0);
    JsonNode content = choice.path("message").path("content");
    if (!content.isTextual()) {
      return new Failure(MODEL_BAD_RESPONSE, "the model server's answer has no choices[0].message.content", false, Optional.empty());
    }
    JsonNode u = root.path("usage");
    Usage usage = u.isObject()
        ? new Usage(u.path("prompt_tokens").asInt(), u.path("completion_tokens").asInt(), u.path("total_tokens").asInt())
        : UsageEstimate.of(request.messages(), content.asText());
    String finishReason = choice.path("finish_reason").isTextual() ? choice.path("finish_reason").asText() : null;
    // the caller's model name, not the provider's: the mapping is a deployment detail
    return new Answer(new WorkerResponse(request.requestId(), request.model(), content.asText(), finishReason, usage, null,
        System.currentTimeMillis()));
  }
}
