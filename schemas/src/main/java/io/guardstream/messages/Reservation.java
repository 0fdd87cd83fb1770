package io.guardstream.messages;

/**
 * What the rate limiter charged an accepted request before its answer is known: its prompt tokens
 * and the most it may generate, priced. The response path settles it against the actual usage, or
 * releases it when no answer comes.
 *
 * @param promptTokens prompt tokens estimated with the model's tokenizer
 * @param completionTokens the completion tokens reserved: the request's {@code max_tokens}, or the
 *     deployment's default cap, which is then also sent to the worker as {@code max_tokens}
 * @param nanoUsd the reserved spend in billionths of a US dollar
 * @param chargedAt the time the tokens were counted at (ms): settlement corrects the same window
 */
public record Reservation(long promptTokens, long completionTokens, long nanoUsd, long chargedAt) {

  public long tokens() {
    return promptTokens + completionTokens;
  }
}
