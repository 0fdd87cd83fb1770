package io.guardstream.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guardstream.serde.Json;
import java.io.IOException;

/**
 * The request body as it goes to the requests topic: the client's JSON object with the gateway's
 * request id as {@code id}. A caller's own {@code id} is replaced, never trusted: it is the key
 * answers are matched by, so a chosen one could collide with another caller's request and
 * receive that caller's answer. Everything else is the pipeline's to validate and audit.
 */
final class ChatRequestBody {

  /** Why a body cannot be sent on: the gateway answers 400 with it. */
  static final class Invalid extends Exception {
    private static final long serialVersionUID = 1L;
    final String code;
    final String param;

    Invalid(String code, String message, String param) {
      super(message, null, false, false);
      this.code = code;
      this.param = param;
    }
  }

  private ChatRequestBody() {}

  static byte[] withId(byte[] body, String requestId) throws Invalid {
    JsonNode tree;
    try {
      tree = Json.MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      // the location only: the parser's message quotes the input, which may hold secrets
      throw new Invalid("invalid_json", "request body is not valid JSON (line " + e.getLocation().getLineNr()
          + ", column " + e.getLocation().getColumnNr() + ")", null);
    } catch (IOException e) {
      throw new Invalid("invalid_json", "request body is not valid JSON", null);
    }
    if (tree == null || !tree.isObject()) {
      throw new Invalid("invalid_request", "request body must be a JSON object", null);
    }
    ObjectNode request = (ObjectNode) tree;
    // the answer comes back whole from the topic; there is nothing to stream
    if (request.path("stream").asBoolean(false)) {
      throw new Invalid("unsupported_parameter", "stream=true is not supported by this gateway", "stream");
    }
    request.put("id", requestId);
    return Json.toBytes(request);
  }
}
