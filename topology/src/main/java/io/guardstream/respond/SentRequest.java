package io.guardstream.respond;

import io.guardstream.messages.RequestContext;

/**
 * What the response path reads of an {@code llm.worker.requests} record: its id, model and context.
 * The prompts are skipped while parsing (the JSON parser steps over them without building strings),
 * since the response path never needs them and they are most of the record's bytes.
 */
public record SentRequest(String requestId, String model, RequestContext context) {}
