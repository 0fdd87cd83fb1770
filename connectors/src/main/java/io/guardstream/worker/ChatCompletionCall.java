package io.guardstream.worker;

import io.guardstream.messages.ChatMessage;
import io.guardstream.messages.WorkerRequest;
import java.util.List;

/**
 * The body of {@code POST /chat/completions}, serialised by the shared snake_case mapper
 * ({@code max_tokens}, {@code top_p}); absent options are left out so the provider's defaults hold.
 */
record ChatCompletionCall(String model, List<ChatMessage> messages, Integer maxTokens, Double temperature, Double topP, String user) {

  static ChatCompletionCall of(WorkerRequest request, String providerModel) {
    return new ChatCompletionCall(providerModel, request.messages(), request.maxTokens(), request.temperature(), request.topP(), request.user());
  }
}
