package io.guardstream.messages;

/** One completion choice. */
public record Choice(int index, ChatMessage message, String finishReason) {}
