package io.guardstream.messages;

/** Value of {@code llm.worker.responses}: the raw answer of a worker with token usage, or its error. */
public record WorkerResponse(
    String requestId,
    String model,
    String content,
    String finishReason,
    Usage usage,
    WorkerError error,
    long answeredAt) {}
