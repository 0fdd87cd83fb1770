package io.guardstream.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.guardstream.messages.ChatRequest;
import io.guardstream.serde.Json;
import java.io.IOException;
import java.util.List;
import java.util.function.Function;

/**
 * Parses and validates a raw request value: size, JSON, the {@code llm.requests} JSON Schema. Every
 * failure is a value with a status and a reason that never quotes the input (it may hold secrets).
 */
public final class RequestParser {

  /** The parse result: a request, or why there is none. */
  public sealed interface Result {}

  public record Parsed(ChatRequest request) implements Result {}

  /** @param status 400 or 413 */
  public record Invalid(int status, String code, String reason) implements Result {}

  private final int maxBytes;
  private final Function<JsonNode, List<String>> schema;

  /** @param schema validates a JSON tree against the requests schema: empty when valid */
  public RequestParser(int maxBytes, Function<JsonNode, List<String>> schema) {
    this.maxBytes = maxBytes;
    this.schema = schema;
  }

  public Result parse(byte[] value) {
    if (value == null || value.length == 0) {
      return new Invalid(400, "invalid_request", "empty request");
    }
    if (value.length > maxBytes) {
      return new Invalid(413, "request_too_large", "request is " + value.length + " bytes, the limit is " + maxBytes);
    }
    JsonNode tree;
    try {
      tree = Json.MAPPER.readTree(value);
    } catch (JsonProcessingException e) {
      // the location, not the parser's message: that quotes the offending input
      return new Invalid(400, "invalid_json", "request is not valid JSON (line " + e.getLocation().getLineNr()
          + ", column " + e.getLocation().getColumnNr() + ")");
    } catch (IOException e) {
      return new Invalid(400, "invalid_json", "request is not valid JSON");
    }
    if (tree == null || !tree.isObject()) {
      return new Invalid(400, "invalid_request", "request must be a JSON object");
    }
    List<String> errors = schema.apply(tree);
    if (!errors.isEmpty()) {
      return new Invalid(400, "invalid_request", "request does not match the llm.requests schema: " + String.join("; ", errors));
    }
    try {
      return new Parsed(Json.reader(ChatRequest.class).readValue(tree));
    } catch (IOException e) {
      return new Invalid(400, "invalid_request", "request fields have the wrong types");
    }
  }
}
