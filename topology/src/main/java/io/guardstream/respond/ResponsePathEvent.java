package io.guardstream.respond;

import io.guardstream.messages.WorkerError;
import io.guardstream.messages.WorkerResponse;
import io.guardstream.serde.Json;

/** The response path's two inputs, merged into one stream keyed by request id. */
public record ResponsePathEvent(SentRequest sent, WorkerResponse answered) {

  public static ResponsePathEvent sent(SentRequest request) {
    return new ResponsePathEvent(request, null);
  }

  public static ResponsePathEvent answered(WorkerResponse response) {
    return new ResponsePathEvent(null, response);
  }

  /**
   * Reads a worker's answer leniently: an answer that cannot be parsed becomes a worker error, so
   * the caller gets a 502 instead of the pipeline stopping on a record it cannot read.
   */
  public static ResponsePathEvent answered(byte[] value) {
    if (value != null) {
      try {
        return answered(Json.fromBytes(value, WorkerResponse.class));
      } catch (RuntimeException e) {
        // fall through: unreadable
      }
    }
    return answered(new WorkerResponse(null, null, null, null, null,
        new WorkerError("invalid_worker_response", "the worker's answer could not be read"), 0L));
  }
}
