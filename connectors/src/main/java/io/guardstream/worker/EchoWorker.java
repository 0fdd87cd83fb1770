package io.guardstream.worker;

import io.guardstream.messages.ChatMessage;
import io.guardstream.messages.WorkerRequest;
import io.guardstream.messages.WorkerResponse;
import java.util.UUID;

/**
 * A stand-in LLM worker for the demo and tests: the {@link LlmWorker} loop with the echo model,
 * which answers each worker request with its last user message. It has the real worker's delivery
 * guarantees (one Kafka transaction settles answers and offsets).
 */
public final class EchoWorker implements AutoCloseable {

  /** The echo model never waits, so the bound only caps one poll's worth of answers per transaction. */
  private static final int CONCURRENCY = 1_000;

  private final LlmWorker worker;

  public EchoWorker(String bootstrapServers, String requestsTopic, String responsesTopic, String groupId) {
    worker = new LlmWorker(new WorkerKafka(bootstrapServers, requestsTopic, responsesTopic, groupId, UUID.randomUUID().toString()),
        ModelProvider.echo(), CONCURRENCY);
  }

  /** Starts answering on a thread of its own. */
  public EchoWorker start() {
    worker.start();
    return this;
  }

  public long answered() {
    return worker.answered();
  }

  /** The echo answer to one request; also the offline worker of {@code replay}. */
  public static WorkerResponse answer(WorkerRequest request) {
    String lastUser = "";
    for (ChatMessage m : request.messages()) {
      if ("user".equals(m.role())) {
        lastUser = m.content() == null ? "" : m.content();
      }
    }
    String content = "echo: " + lastUser;
    return new WorkerResponse(request.requestId(), request.model(), content, "stop",
        UsageEstimate.of(request.messages(), content), null, System.currentTimeMillis());
  }

  @Override
  public void close() {
    worker.close();
  }
}
