package io.guardstream.worker;

import io.guardstream.messages.WorkerRequest;
import io.guardstream.messages.WorkerResponse;
import java.util.concurrent.CompletableFuture;

/**
 * Answers one worker request. The worker loop owns everything Kafka (consume, transactions, offsets,
 * restarts); a provider only turns a request into an answer or a {@code WorkerError}, so the echo
 * model and a real OpenAI-compatible server share the same delivery guarantees.
 *
 * <p>The returned future should not complete exceptionally: a failure is an answer carrying a
 * {@link io.guardstream.messages.WorkerError}. The loop still turns an exceptional completion into
 * one ({@code worker_internal}), so a provider bug cannot lose a request.
 */
public interface ModelProvider extends AutoCloseable {

  /** A short name for logs and metrics: {@code echo}, {@code openai}. */
  String name();

  CompletableFuture<WorkerResponse> answer(WorkerRequest request);

  @Override
  default void close() {}

  /** The echo model: answers at once with the last user message, for the demo, replay and tests. */
  static ModelProvider echo() {
    return new ModelProvider() {
      @Override
      public String name() {
        return "echo";
      }

      @Override
      public CompletableFuture<WorkerResponse> answer(WorkerRequest request) {
        return CompletableFuture.completedFuture(EchoWorker.answer(request));
      }
    };
  }
}
