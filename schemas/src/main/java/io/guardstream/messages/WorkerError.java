package io.guardstream.messages;

/** Why a worker could not answer. */
public record WorkerError(String code, String message) {}
