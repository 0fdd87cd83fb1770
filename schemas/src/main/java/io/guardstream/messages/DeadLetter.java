package io.guardstream.messages;

/** Value of {@code llm.dlq}: why a record was rejected, and its payload sealed with AES-GCM. */
public record DeadLetter(
    String reason,
    String code,
    String sourceTopic,
    int partition,
    long offset,
    long timestamp,
    String encryption,
    String encryptionKeyId,
    String sealedPayload,
    int payloadBytes) {}
