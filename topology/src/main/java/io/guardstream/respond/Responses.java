package io.guardstream.respond;

import io.guardstream.messages.CallerResponse;
import io.guardstream.messages.ChatMessage;
import io.guardstream.messages.Choice;
import io.guardstream.messages.Completion;
import io.guardstream.messages.ErrorBody;
import io.guardstream.messages.Usage;
import java.util.List;

/** Builds what the caller gets on {@code llm.responses}, in OpenAI's shapes. */
public final class Responses {

  private Responses() {}

  public static CallerResponse error(String requestId, int status, String code, String message) {
    return new CallerResponse(requestId, status, null, new ErrorBody(errorType(status), code, message));
  }

  public static CallerResponse completion(
      String requestId, String model, String content, String finishReason, Usage usage, long createdEpochSeconds) {
    var choice = new Choice(0, new ChatMessage("assistant", content), finishReason == null ? "stop" : finishReason);
    return new CallerResponse(
        requestId,
        200,
        new Completion("chatcmpl-" + requestId, "chat.completion", createdEpochSeconds, model, List.of(choice), usage),
        null);
  }

  /** OpenAI's error {@code type} for an HTTP status. */
  static String errorType(int status) {
    return switch (status) {
      case 401 -> "authentication_error";
      case 403 -> "permission_error";
      case 404 -> "not_found_error";
      case 429 -> "rate_limit_error";
      case 502, 504 -> "api_error";
      case 500 -> "server_error";
      default -> "invalid_request_error";
    };
  }
}
