package io.guardstream.messages;

import java.util.List;

/** Value of {@code llm.worker.requests}: an accepted, sanitised prompt for an LLM worker. */
public record WorkerRequest(
    String requestId,
    String model,
    List<ChatMessage> messages,
    Integer maxTokens,
    Double temperature,
    Double topP,
    String user,
    RequestContext context) {}
