package io.guardstream.messages;

/** When a request was received, accepted, answered and decided (epoch ms), and the total. */
public record Timings(long receivedAt, Long acceptedAt, Long answeredAt, long decidedAt, long totalMs) {}
