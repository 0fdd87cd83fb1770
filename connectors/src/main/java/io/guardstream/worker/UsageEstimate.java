package io.guardstream.worker;

import io.guardstream.messages.ChatMessage;
import io.guardstream.messages.Usage;
import java.util.List;

/**
 * A token count for models that report none (the echo model; OpenAI-compatible servers that leave
 * {@code usage} out): about 4 characters a token, OpenAI's rule of thumb for English. The response
 * schema requires usage with every answer, and rate limits and quotas need a number; an estimate
 * errs far less than zero would.
 */
final class UsageEstimate {

  private UsageEstimate() {}

  static Usage of(List<ChatMessage> prompt, String completion) {
    int promptChars = 0;
    if (prompt != null) {
      for (ChatMessage m : prompt) {
        promptChars += m.content() == null ? 0 : m.content().length();
      }
    }
    int promptTokens = Math.max(1, promptChars / 4);
    int completionTokens = Math.max(1, (completion == null ? 0 : completion.length()) / 4);
    return new Usage(promptTokens, completionTokens, promptTokens + completionTokens);
  }
}
