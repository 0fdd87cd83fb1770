package io.guardstream.gateway;

import java.util.concurrent.CompletableFuture;

/** Sends a request into the pipeline and completes when its answer is back (or it timed out). */
public interface RequestReply extends AutoCloseable {

  /**
   * @param requestId the record key, unique per request
   * @param body the request JSON, {@code id} included
   * @param authorization the client's {@code Authorization} header exactly as received, or null
   * @param clientAddress the client's address as {@link ClientAddress} resolved it
   * @return never fails: every failure is an OpenAI error reply (503, 504)
   */
  CompletableFuture<GatewayReply> exchange(String requestId, byte[] body, String authorization, String clientAddress);

  /** True once answers can be received and requests sent. */
  boolean ready();

  @Override
  void close();
}
