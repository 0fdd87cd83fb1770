package io.guardstream.ingest;

import io.guardstream.auth.Credential;
import io.guardstream.messages.ChatRequest;

/**
 * A parsed, schema-valid request before authentication. It exists only inside the first
 * sub-topology and is never serialised: the credential must not reach any topic.
 *
 * @param source pseudonym of the client address (never the address itself)
 */
public record Ingested(
    String requestId, ChatRequest request, Credential credential, String source, long receivedAt) {}
