package io.guardstream.messages;

/** OpenAI's error object: {@code {"type", "code", "message"}}. */
public record ErrorBody(String type, String code, String message) {}
