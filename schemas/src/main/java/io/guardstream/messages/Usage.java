package io.guardstream.messages;

/** Token usage, as OpenAI reports it. */
public record Usage(int promptTokens, int completionTokens, int totalTokens) {}
