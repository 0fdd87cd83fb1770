package io.guardstream.worker;

import java.util.Objects;

/**
 * Where a worker reads requests and writes answers. {@code instanceId} names this worker's
 * transactional producer ({@code groupId-instanceId}): give a restarted worker the id of the one it
 * replaces (a pod name, say) and its start aborts any transaction the dead one left open at once,
 * instead of after {@code transaction.timeout.ms}, during which read_committed readers of the
 * response partition wait. Two live workers must never share an id: the younger fences the older.
 */
public record WorkerKafka(String bootstrapServers, String requestsTopic, String responsesTopic, String groupId, String instanceId) {

  public WorkerKafka {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    Objects.requireNonNull(requestsTopic, "requestsTopic");
    Objects.requireNonNull(responsesTopic, "responsesTopic");
    Objects.requireNonNull(groupId, "groupId");
    Objects.requireNonNull(instanceId, "instanceId");
  }
}
