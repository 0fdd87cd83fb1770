package io.guardstream.messages;

import java.util.List;

/** An OpenAI-shaped chat completion ({@code "object": "chat.completion"}). */
public record Completion(
    String id, String object, long created, String model, List<Choice> choices, Usage usage) {}
