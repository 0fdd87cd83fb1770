package io.guardstream.schemas;

import io.guardstream.messages.Alert;
import io.guardstream.messages.ApiKeyRecord;
import io.guardstream.messages.AuditEvent;
import io.guardstream.messages.CallerResponse;
import io.guardstream.messages.ChatMessage;
import io.guardstream.messages.ChatRequest;
import io.guardstream.messages.Choice;
import io.guardstream.messages.Completion;
import io.guardstream.messages.DeadLetter;
import io.guardstream.messages.ErrorBody;
import io.guardstream.messages.Inspection;
import io.guardstream.messages.Quota;
import io.guardstream.messages.RateLimitState;
import io.guardstream.messages.Reservation;
import io.guardstream.messages.RequestContext;
import io.guardstream.messages.Timings;
import io.guardstream.messages.Usage;
import io.guardstream.messages.WorkerError;
import io.guardstream.messages.WorkerRequest;
import io.guardstream.messages.WorkerResponse;
import java.util.List;
import java.util.Map;

/** One representative record of each topic's value type, built the way the pipeline builds them. */
final class SampleRecords {

  static final long RECEIVED_AT = 1_717_200_000_000L;
  static final String REQUEST_ID = "req-20240601-000001";

  private SampleRecords() {}

  static ChatRequest chatRequest() {
    return new ChatRequest(
        REQUEST_ID,
        "gpt-4o-mini",
        List.of(
            new ChatMessage("system", "You are a concise assistant."),
            new ChatMessage("user", "Reply to jane@example.com about Tuesday.")),
        256,
        0.2,
        1.0,
        "batch-job-42",
        Map.of("batch", "nightly", "row", 1183));
  }

  static Inspection inspection() {
    return new Inspection(Map.of("EMAIL_ADDRESS", 1), 0.03, false, List.of());
  }

  static WorkerRequest workerRequest() {
    RequestContext context =
        new RequestContext(
            "svc-batch-summaries",
            "acme",
            "key_01HZX3K5Q7",
            "kafka",
            RECEIVED_AT,
            RECEIVED_AT + 12,
            new RateLimitState(600, 587, 41_000, 90_000L, 89_410L, 2_000L, new Reservation(334, 256, 2_395_000, RECEIVED_AT + 11)),
            inspection(),
            "2024-06-01.1",
            List.of("pii-scanner@1.0.0", "injection-detector@1.0.0"));
    return new WorkerRequest(
        REQUEST_ID,
        "gpt-4o-mini",
        List.of(new ChatMessage("user", "Reply to <EMAIL_ADDRESS> about Tuesday.")),
        256,
        0.2,
        null,
        null,
        context);
  }

  /** A context with only what every accepted request has: no key (token auth), no limits, no inspection. */
  static WorkerRequest minimalWorkerRequest() {
    RequestContext context =
        new RequestContext("svc-batch-summaries", null, null, null, RECEIVED_AT, RECEIVED_AT, null, null, null, null);
    return new WorkerRequest(
        REQUEST_ID, "gpt-4o-mini", List.of(new ChatMessage("user", "hi")), null, null, null, null, context);
  }

  static Usage usage() {
    return new Usage(42, 17, 59);
  }

  static WorkerResponse workerAnswer() {
    return new WorkerResponse(REQUEST_ID, "gpt-4o-mini", "Done.", "stop", usage(), null, RECEIVED_AT + 850);
  }

  static WorkerResponse workerFailure() {
    return new WorkerResponse(
        REQUEST_ID, "gpt-4o-mini", null, null, null, new WorkerError("upstream_timeout", "no answer in 30 s"), RECEIVED_AT + 30_000);
  }

  static Completion completion() {
    return new Completion(
        "chatcmpl-" + REQUEST_ID,
        "chat.completion",
        RECEIVED_AT / 1000,
        "gpt-4o-mini",
        List.of(new Choice(0, new ChatMessage("assistant", "Done."), "stop")),
        usage());
  }

  static CallerResponse answeredResponse() {
    return new CallerResponse(REQUEST_ID, 200, completion(), null);
  }

  static CallerResponse rateLimitedResponse() {
    return new CallerResponse(
        REQUEST_ID, 429, null, new ErrorBody("rate_limit_error", "rate_limit_exceeded", "Rate limit reached."));
  }

  static AuditEvent allowedAuditEvent() {
    return new AuditEvent(
        "evt-" + REQUEST_ID,
        REQUEST_ID,
        RECEIVED_AT + 870,
        "allowed",
        200,
        null,
        "respond",
        List.of(),
        "svc-batch-summaries",
        "acme",
        "key_01HZX3K5Q7",
        "gateway",
        "gpt-4o-mini",
        new Timings(RECEIVED_AT, RECEIVED_AT + 12, RECEIVED_AT + 850, RECEIVED_AT + 870, 870),
        inspection(),
        Map.of(),
        usage(),
        "2024-06-01.1",
        List.of("pii-scanner@1.0.0", "injection-detector@1.0.0", "output-filter@1.0.0"));
  }

  /** A 401: no principal, no inspection, no usage, nothing after receipt. */
  static AuditEvent unauthenticatedAuditEvent() {
    return new AuditEvent(
        "evt-req-2",
        "req-2",
        RECEIVED_AT + 3,
        "rejected",
        401,
        "invalid_api_key",
        "auth",
        List.of("unknown key id"),
        null,
        null,
        null,
        "kafka",
        "gpt-4o-mini",
        new Timings(RECEIVED_AT, null, null, RECEIVED_AT + 3, 3),
        null,
        null,
        null,
        "2024-06-01.1",
        List.of("token-verifier@1.0.0"));
  }

  static Alert alert() {
    return new Alert(
        "auth-failure-burst:key_01HZX3K5Q7:1717200000000",
        "auth-failure-burst",
        "high",
        "key:key_01HZX3K5Q7",
        RECEIVED_AT,
        RECEIVED_AT + 60_000,
        240,
        50,
        RECEIVED_AT + 60_150,
        "240 failed authentications with key key_01HZX3K5Q7 in 1 minute (threshold 50)",
        Map.of("codes", Map.of("key_revoked", 240), "sample_request_ids", List.of("req-1", "req-2")));
  }

  static DeadLetter deadLetter() {
    return new DeadLetter(
        "$.messages: required: property 'messages' is missing",
        "schema_violation",
        "llm.requests",
        3,
        1_048_576,
        RECEIVED_AT,
        "AES-256-GCM",
        "dlq-2024-06",
        "q1nX0cX2m8Tt3yZ1Ih0aYw4dF6Rk9mW1vN3pQ2s7uLc=",
        187);
  }

  static ApiKeyRecord apiKey() {
    return new ApiKeyRecord(
        "key_01HZX3K5Q7",
        "hmac-sha256:5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8",
        "svc-batch-summaries",
        "acme",
        List.of("gpt-4o-mini"),
        600,
        4096,
        List.of("batch"),
        ApiKeyRecord.ACTIVE,
        RECEIVED_AT,
        null,
        "key_01HZX3K5Q8",
        new Quota(90_000L, 2_000_000L, new java.math.BigDecimal("25.00"), null));
  }
}
