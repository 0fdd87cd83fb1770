package io.guardstream.messages;

/** One chat message: OpenAI's {"role", "content"} with string content. */
public record ChatMessage(String role, String content) {}
