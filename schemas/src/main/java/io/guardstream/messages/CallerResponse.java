package io.guardstream.messages;

/** Value of {@code llm.responses}: what the caller gets, a completion or an error, with an HTTP-like status. */
public record CallerResponse(String id, int status, Completion completion, ErrorBody error) {}
