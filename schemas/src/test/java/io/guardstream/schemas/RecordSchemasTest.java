package io.guardstream.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guardstream.messages.ApiKeyRecord;
import io.guardstream.messages.CallerResponse;
import io.guardstream.messages.DeadLetter;
import io.guardstream.messages.ErrorBody;
import io.guardstream.serde.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RecordSchemasTest {

  /** Looks like an OpenAI key, so a leak is unmistakable. */
  private static final String SECRET = "sk-proj-T0pS3cretT0pS3cretT0pS3cret";

  private final RecordSchemas schemas = RecordSchemas.shared();

  static Stream<Arguments> representativeRecords() {
    return Stream.of(
        Arguments.of(RecordSchemas.REQUESTS, SampleRecords.chatRequest()),
        Arguments.of(RecordSchemas.WORKER_REQUESTS, SampleRecords.workerRequest()),
        Arguments.of(RecordSchemas.WORKER_REQUESTS, SampleRecords.minimalWorkerRequest()),
        Arguments.of(RecordSchemas.WORKER_RESPONSES, SampleRecords.workerAnswer()),
        Arguments.of(RecordSchemas.WORKER_RESPONSES, SampleRecords.workerFailure()),
        Arguments.of(RecordSchemas.RESPONSES, SampleRecords.answeredResponse()),
        Arguments.of(RecordSchemas.RESPONSES, SampleRecords.rateLimitedResponse()),
        Arguments.of(RecordSchemas.AUDIT, SampleRecords.allowedAuditEvent()),
        Arguments.of(RecordSchemas.AUDIT, SampleRecords.unauthenticatedAuditEvent()),
        Arguments.of(RecordSchemas.ALERTS, SampleRecords.alert()),
        Arguments.of(RecordSchemas.DLQ, SampleRecords.deadLetter()),
        Arguments.of(RecordSchemas.KEYS, SampleRecords.apiKey()));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("representativeRecords")
  void shouldAcceptRecordsAsTheSharedMapperWritesThem(String schemaName, Object record) {
    assertThat(schemas.validate(schemaName, record)).isEmpty();
  }

  @Test
  void shouldListOneSchemaPerTopicInPipelineOrder() {
    assertThat(schemas.names())
        .containsExactly(
            "llm.requests",
            "llm.worker.requests",
            "llm.worker.responses",
            "llm.responses",
            "llm.audit",
            "llm.alerts",
            "llm.dlq",
            "llm.keys");
  }

  @Test
  void shouldRejectUnknownSchemaName() {
    assertThatThrownBy(() -> schemas.validate("llm.nope", Json.MAPPER.createObjectNode()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("llm.nope")
        .hasMessageContaining("llm.requests");
  }

  @Test
  void shouldAcceptRequestWithOpenAiFieldsThatAreNotForwarded() {
    ObjectNode request = request();
    request.put("stream", false).put("seed", 7).putArray("stop").add("\n\n");
    ((ObjectNode) request.withArray("messages").get(0)).put("name", "alice");

    assertThat(schemas.validate(RecordSchemas.REQUESTS, request)).isEmpty();
  }

  @Test
  void shouldRejectRequestWithoutMessages() {
    ObjectNode request = request();
    request.remove("messages");

    assertThat(schemas.validate(RecordSchemas.REQUESTS, request))
        .containsExactly("$: required: property 'messages' is missing");
  }

  @Test
  void shouldRejectRequestWithEmptyMessages() {
    ObjectNode request = request();
    request.putArray("messages");

    assertThat(schemas.validate(RecordSchemas.REQUESTS, request))
        .containsExactly("$.messages: minItems: must have at least 1 items");
  }

  @Test
  void shouldRejectRequestWithTooManyMessages() {
    ObjectNode request = request();
    ArrayNode messages = request.putArray("messages");
    for (int i = 0; i < 257; i++) {
      messages.addObject().put("role", "user").put("content", "hi");
    }

    assertThat(schemas.validate(RecordSchemas.REQUESTS, request))
        .containsExactly("$.messages: maxItems: must have at most 256 items");
  }

  @Test
  void shouldRejectMessageWithUnknownRole() {
    ObjectNode request = request();
    ((ObjectNode) request.withArray("messages").get(0)).put("role", "root");

    assertThat(schemas.validate(RecordSchemas.REQUESTS, request))
        .containsExactly("$.messages[0].role: enum: must be one of [system, user, assistant, tool, developer]");
  }

  @Test
  void shouldRejectMessageWhoseContentIsNotAString() {
    ObjectNode request = request();
    ((ObjectNode) request.withArray("messages").get(0)).putArray("content").addObject().put("type", "text");

    assertThat(schemas.validate(RecordSchemas.REQUESTS, request))
        .containsExactly("$.messages[0].content: type: must be string, found array");
  }

  @Test
  void shouldRejectNegativeMaxTokens() {
    ObjectNode request = request().put("max_tokens", -5);

    assertThat(schemas.validate(RecordSchemas.REQUESTS, request))
        .containsExactly("$.max_tokens: minimum: must be >= 1");
  }

  @Test
  void shouldRejectMaxTokensBeyondJavaIntRange() {
    ObjectNode request = request().put("max_tokens", 3_000_000_000L);

    assertThat(schemas.validate(RecordSchemas.REQUESTS, request))
        .containsExactly("$.max_tokens: maximum: must be <= 2147483647");
  }

  @Test
  void shouldRejectTemperatureAndTopPOutOfRange() {
    ObjectNode request = request().put("temperature", 2.5).put("top_p", -0.1);

    assertThat(schemas.validate(RecordSchemas.REQUESTS, request))
        .containsExactlyInAnyOrder("$.temperature: maximum: must be <= 2", "$.top_p: minimum: must be >= 0");
  }

  @Test
  void shouldRejectRequestIdWithUnsafeCharacters() {
    // a trailing newline is the classic way past a Java regex "$" anchor; ids end up in logs and headers
    for (String id : List.of("req 1", "req-1\n", "req/../1", "")) {
      assertThat(schemas.validate(RecordSchemas.REQUESTS, request().put("id", id)))
          .as("id %s", id.replace("\n", "\\n"))
          .isNotEmpty()
          .allMatch(line -> line.startsWith("$.id: "));
    }
  }

  @Test
  void shouldRejectRequestIdLongerThan128Characters() {
    assertThat(schemas.validate(RecordSchemas.REQUESTS, request().put("id", "r".repeat(129))))
        .containsExactly("$.id: maxLength: must be at most 128 characters");
  }

  @Test
  void shouldRejectNestedMetadataValues() {
    ObjectNode request = request();
    request.putObject("metadata").putObject("batch").put("nested", true);

    assertThat(schemas.validate(RecordSchemas.REQUESTS, request))
        .containsExactly("$.metadata.<key>: type: must be [string, number, boolean], found object");
  }

  @Test
  void shouldRejectResponseWithBothCompletionAndError() {
    CallerResponse both =
        new CallerResponse(
            "req-1", 200, SampleRecords.completion(), new ErrorBody("server_error", "internal", "boom"));

    assertThat(schemas.validate(RecordSchemas.RESPONSES, both))
        .containsExactly("$: oneOf: must match exactly one of [completion, error]");
  }

  @Test
  void shouldRejectResponseWithNeitherCompletionNorError() {
    assertThat(schemas.validate(RecordSchemas.RESPONSES, new CallerResponse("req-1", 429, null, null)))
        .containsExactly(
            "$: oneOf: must match exactly one of [completion, error]",
            "$: required: property 'error' is missing (conditional: "
                + "https://guardstream.io/schemas/llm.responses.schema.json#/else/required)");
  }

  @Test
  void shouldRejectErrorResponseWithStatus200() {
    CallerResponse response =
        new CallerResponse("req-1", 200, null, new ErrorBody("server_error", "internal", "boom"));

    assertThat(schemas.validate(RecordSchemas.RESPONSES, response))
        .singleElement(InstanceOfAssertFactories.STRING)
        .startsWith("$: required: property 'completion' is missing (conditional:");
  }

  @Test
  void shouldRejectResponseStatusOutsideTheContract() {
    CallerResponse response =
        new CallerResponse("req-1", 418, null, new ErrorBody("server_error", "teapot", "no"));

    assertThat(schemas.validate(RecordSchemas.RESPONSES, response))
        .containsExactly("$.status: enum: must be one of [200, 400, 401, 403, 404, 413, 429, 500, 502, 504]");
  }

  @Test
  void shouldRejectCompletionWhoseMessageIsNotFromTheAssistant() {
    ObjectNode response = Json.MAPPER.valueToTree(SampleRecords.answeredResponse());
    ((ObjectNode) response.at("/completion/choices/0/message")).put("role", "user");

    assertThat(schemas.validate(RecordSchemas.RESPONSES, response))
        .containsExactly("$.completion.choices[0].message.role: const: must be assistant");
  }

  @Test
  void shouldRejectWorkerResponseWithContentAndError() {
    ObjectNode response = Json.MAPPER.valueToTree(SampleRecords.workerAnswer());
    response.putObject("error").put("code", "timeout").put("message", "late");

    assertThat(schemas.validate(RecordSchemas.WORKER_RESPONSES, response))
        .containsExactly("$: oneOf: must match exactly one of [answer, failure]");
  }

  @Test
  void shouldRejectWorkerAnswerWithoutUsage() {
    ObjectNode response = Json.MAPPER.valueToTree(SampleRecords.workerAnswer());
    response.remove("usage");

    assertThat(schemas.validate(RecordSchemas.WORKER_RESPONSES, response))
        .containsExactly("$: oneOf: must match exactly one of [answer, failure]");
  }

  @Test
  void shouldRejectWorkerRequestWithFieldsTheContextDoesNotDeclare() {
    ObjectNode request = Json.MAPPER.valueToTree(SampleRecords.workerRequest());
    ((ObjectNode) request.get("context")).put("max_tokens", 5).put("authorization", "Bearer " + SECRET);

    assertThat(schemas.validate(RecordSchemas.WORKER_REQUESTS, request))
        .containsExactlyInAnyOrder(
            "$.context: additionalProperties: property 'max_tokens' is not allowed",
            "$.context: additionalProperties: property <key> is not allowed");
  }

  @Test
  void shouldRejectKeyWithMalformedHash() {
    ApiKeyRecord key = withHash(SampleRecords.apiKey(), "hmac-sha256:" + "A".repeat(64));

    assertThat(schemas.validate(RecordSchemas.KEYS, key))
        .containsExactly("$.hash: pattern: must match ^hmac-sha256:[0-9a-f]{64}$");
    // an unkeyed SHA-256 is not what the registry stores
    assertThat(schemas.validate(RecordSchemas.KEYS, withHash(SampleRecords.apiKey(), "sha256:" + "a".repeat(64))))
        .isNotEmpty();
  }

  @Test
  void shouldRejectKeyWithUnknownStatus() {
    ObjectNode key = Json.MAPPER.valueToTree(SampleRecords.apiKey());
    key.put("status", "suspended");

    assertThat(schemas.validate(RecordSchemas.KEYS, key))
        .containsExactly("$.status: enum: must be one of [active, revoked]");
  }

  @Test
  void shouldRejectAuditEventWhoseStatusContradictsDecision() {
    ObjectNode event = Json.MAPPER.valueToTree(SampleRecords.allowedAuditEvent());
    event.put("status", 429);

    assertThat(schemas.validate(RecordSchemas.AUDIT, event))
        .containsExactly(
            "$.status: const: must be 200 (conditional: "
                + "https://guardstream.io/schemas/llm.audit.schema.json#/allOf/0/then/properties/status/const)");
  }

  @Test
  void shouldRejectAuditEventWithUnknownDecision() {
    ObjectNode event = Json.MAPPER.valueToTree(SampleRecords.allowedAuditEvent());
    event.put("decision", "maybe");

    assertThat(schemas.validate(RecordSchemas.AUDIT, event))
        .containsExactly("$.decision: enum: must be one of [allowed, rejected, timeout, error]");
  }

  @Test
  void shouldRejectAlertWithUnknownSeverity() {
    ObjectNode alert = Json.MAPPER.valueToTree(SampleRecords.alert());
    alert.put("severity", "urgent");

    assertThat(schemas.validate(RecordSchemas.ALERTS, alert))
        .containsExactly("$.severity: enum: must be one of [low, medium, high, critical]");
  }

  @Test
  void shouldRejectDeadLetterWithPayloadSealedUnderAnotherCipher() {
    DeadLetter letter = SampleRecords.deadLetter();
    DeadLetter cbc =
        new DeadLetter(
            letter.reason(), letter.code(), letter.sourceTopic(), letter.partition(), letter.offset(),
            letter.timestamp(), "AES-256-CBC", letter.encryptionKeyId(), letter.sealedPayload(),
            letter.payloadBytes());

    assertThat(schemas.validate(RecordSchemas.DLQ, cbc)).containsExactly("$.encryption: const: must be AES-256-GCM");
  }

  @Test
  void shouldRejectDeadLetterWithSealedPayloadButNoKeyId() {
    ObjectNode letter = Json.MAPPER.valueToTree(SampleRecords.deadLetter());
    letter.remove("encryption_key_id");

    assertThat(schemas.validate(RecordSchemas.DLQ, letter))
        .containsExactly(
            "$: dependentRequired: property 'encryption_key_id' is required when 'sealed_payload' is present");
  }

  @Test
  void shouldNeverEchoTheOffendingValueOrUnknownPropertyNames() {
    ObjectNode request = request().put("id", SECRET + " ").put("model", 42);
    ((ObjectNode) request.withArray("messages").get(0)).put("role", SECRET);
    request.putObject("metadata").put(SECRET, "x".repeat(600)).putObject("nested").put("v", SECRET);
    ObjectNode key = Json.MAPPER.valueToTree(withHash(SampleRecords.apiKey(), SECRET));
    key.put(SECRET, SECRET).put("status", SECRET);
    ObjectNode audit = Json.MAPPER.valueToTree(SampleRecords.allowedAuditEvent());
    audit.put("decision", SECRET).put("code", SECRET).put("stage", SECRET);
    audit.putObject("response_pii_counts").put(SECRET, 1);
    ObjectNode response = Json.MAPPER.valueToTree(SampleRecords.answeredResponse());
    ((ObjectNode) response.at("/completion")).put("object", SECRET);
    ((ObjectNode) response.at("/completion/choices/0/message")).put("role", SECRET);

    List<String> messages = new ArrayList<>();
    messages.addAll(schemas.validate(RecordSchemas.REQUESTS, request));
    messages.addAll(schemas.validate(RecordSchemas.KEYS, key));
    messages.addAll(schemas.validate(RecordSchemas.AUDIT, audit));
    messages.addAll(schemas.validate(RecordSchemas.RESPONSES, response));

    assertThat(messages).hasSizeGreaterThanOrEqualTo(12).noneMatch(line -> line.contains("T0pS3cret"));
    assertThat(messages).noneMatch(line -> line.contains("sk-proj"));
  }

  @Test
  void shouldCapTheNumberOfMessagesForHostileRecords() {
    ObjectNode request = request();
    ArrayNode messages = request.putArray("messages");
    for (int i = 0; i < 100; i++) {
      messages.addObject().put("role", "root");
    }

    List<String> lines = schemas.validate(RecordSchemas.REQUESTS, request);

    assertThat(lines).hasSize(ViolationMessages.MAX_MESSAGES + 1);
    assertThat(lines.get(ViolationMessages.MAX_MESSAGES)).isEqualTo("... and 168 more violations");
  }

  @Test
  void shouldGiveTheSameVerdictsFromConcurrentStreamThreads() throws Exception {
    List<JsonNode> inputs = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      ObjectNode request = request().put("id", "req-" + i);
      if (i % 3 == 0) {
        request.put("max_tokens", -i);
      }
      inputs.add(request);
    }
    List<List<String>> expected = inputs.stream().map(in -> schemas.validate(RecordSchemas.REQUESTS, in)).toList();

    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<List<String>>>> runs = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        runs.add(pool.submit(() -> inputs.stream().map(in -> schemas.validate(RecordSchemas.REQUESTS, in)).toList()));
      }
      for (Future<List<List<String>>> run : runs) {
        assertThat(run.get(30, TimeUnit.SECONDS)).isEqualTo(expected);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static ObjectNode request() {
    return Json.MAPPER.valueToTree(SampleRecords.chatRequest());
  }

  private static ApiKeyRecord withHash(ApiKeyRecord key, String hash) {
    return new ApiKeyRecord(
        key.keyId(), hash, key.principal(), key.tenant(), key.allowedModels(), key.requestsPerMinute(),
        key.maxTokens(), key.workloads(), key.status(), key.createdAt(), key.expiresAt(), key.replacedBy());
  }
}
