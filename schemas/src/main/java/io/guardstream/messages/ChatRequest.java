package io.guardstream.messages;

import java.util.List;
import java.util.Map;

/** Value of {@code llm.requests}: an OpenAI chat-completions request. */
public record ChatRequest(
    String id,
    String model,
    List<ChatMessage> messages,
    Integer maxTokens,
    Double temperature,
    Double topP,
    String user,
    Map<String, Object> metadata) {

  /** The same request with masked messages and end-user id; every other field is kept. */
  public ChatRequest masked(List<ChatMessage> maskedMessages, String maskedUser) {
    return new ChatRequest(id, model, maskedMessages, maxTokens, temperature, topP, maskedUser, metadata);
  }
}
