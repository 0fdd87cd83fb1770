package io.guardstream.alerts;

import java.nio.charset.StandardCharsets;

/** Sample {@code llm.alerts} values as the topology writes them. */
final class Alerts {

  private Alerts() {}

  static String json(String alertId, String severity, String summary) {
    return "{\"alert_id\":\"" + alertId + "\",\"rule\":\"auth-failure-burst\",\"severity\":\"" + severity + "\","
        + "\"subject\":\"key:key_01HZX3K5Q7\",\"window_start\":1717200000000,\"window_end\":1717200060000,"
        + "\"count\":240,\"threshold\":50,\"created_at\":1717200060150,\"summary\":\"" + summary + "\","
        + "\"evidence\":{\"codes\":{\"key_revoked\":240}}}";
  }

  static byte[] bytes(String alertId) {
    return json(alertId, "high", "240 failed authentications in 1 minute (threshold 50)").getBytes(StandardCharsets.UTF_8);
  }
}
