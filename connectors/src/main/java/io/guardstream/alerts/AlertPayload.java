package io.guardstream.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import io.guardstream.messages.Alert;
import io.guardstream.schemas.RecordSchemas;
import io.guardstream.serde.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * One {@code llm.alerts} value as the webhook will see it: its exact JSON bytes and the parsed alert,
 * checked against the topic's JSON Schema first so a receiver never gets a record outside the contract.
 * Exact bytes need {@code ByteArrayConverter} (or {@code StringConverter}); a schemaless
 * {@code JsonConverter} map is written back with the shared mapper.
 */
record AlertPayload(Alert alert, byte[] json) {

  /** A value that is not a valid alert; the message names the problem, never the content. */
  static final class InvalidAlert extends Exception {
    private static final long serialVersionUID = 1L;

    InvalidAlert(String message) {
      super(message);
    }
  }

  static AlertPayload of(Object value) throws InvalidAlert {
    byte[] json;
    if (value instanceof byte[] bytes) {
      json = bytes;
    } else if (value instanceof String text) {
      json = text.getBytes(StandardCharsets.UTF_8);
    } else if (value instanceof Map<?, ?> map) {
      json = Json.toBytes(map);
    } else if (value == null) {
      throw new InvalidAlert("null value (tombstone) is not an alert");
    } else {
      throw new InvalidAlert("unsupported value type " + value.getClass().getSimpleName()
          + "; use ByteArrayConverter, StringConverter or a schemaless JsonConverter");
    }
    JsonNode tree;
    try {
      tree = Json.MAPPER.readTree(json);
    } catch (IOException e) {
      throw new InvalidAlert("value is not JSON");
    }
    if (tree == null || tree.isMissingNode()) {
      throw new InvalidAlert("value is empty");
    }
    List<String> violations = RecordSchemas.shared().validate(RecordSchemas.ALERTS, tree);
    if (!violations.isEmpty()) {
      throw new InvalidAlert("not a valid " + RecordSchemas.ALERTS + " record: " + String.join("; ", violations));
    }
    return new AlertPayload(Json.MAPPER.convertValue(tree, Alert.class), json);
  }
}
