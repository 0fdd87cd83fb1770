package io.guardstream.topology;

import io.guardstream.config.TopicNames;
import io.guardstream.messages.Alert;
import io.guardstream.messages.ApiKeyRecord;
import io.guardstream.messages.AuditEvent;
import io.guardstream.messages.CallerResponse;
import io.guardstream.messages.DeadLetter;
import io.guardstream.messages.WorkerRequest;
import io.guardstream.messages.WorkerResponse;
import io.guardstream.serde.JsonSerde;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;

/** Every topic Guardstream reads or writes, with its serdes; the one place their names are bound. */
public record Topics(
    Topic<String, byte[]> requests,
    Topic<String, WorkerRequest> workerRequests,
    Topic<String, WorkerResponse> workerResponses,
    Topic<String, CallerResponse> responses,
    Topic<String, AuditEvent> audit,
    Topic<String, Alert> alerts,
    Topic<String, DeadLetter> dlq,
    Topic<String, ApiKeyRecord> keys) {

  public static Topics of(TopicNames names) {
    var key = Serdes.String();
    return new Topics(
        // raw bytes: parsing is a stage of its own, so that a malformed record is a decision, not a crash
        new Topic<>(names.requests(), key, Serdes.ByteArray()),
        new Topic<>(names.workerRequests(), key, JsonSerde.of(WorkerRequest.class)),
        new Topic<>(names.workerResponses(), key, JsonSerde.of(WorkerResponse.class)),
        new Topic<>(names.responses(), key, JsonSerde.of(CallerResponse.class)),
        new Topic<>(names.audit(), key, JsonSerde.of(AuditEvent.class)),
        new Topic<>(names.alerts(), key, JsonSerde.of(Alert.class)),
        new Topic<>(names.dlq(), key, JsonSerde.of(DeadLetter.class)),
        new Topic<>(names.keys(), key, JsonSerde.of(ApiKeyRecord.class)));
  }

  public List<String> names() {
    return List.of(
        requests.name(),
        workerRequests.name(),
        workerResponses.name(),
        responses.name(),
        audit.name(),
        alerts.name(),
        dlq.name(),
        keys.name());
  }
}
