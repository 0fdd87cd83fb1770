package io.guardstream.anomaly;

import io.guardstream.messages.Alert;
import io.guardstream.messages.AuditEvent;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One critical alert per answer that repeated its request's canary token: the model disclosed its
 * system prompt, which a person should look at now (the prompt that caused it is in the worker-request
 * topic under the same request id). Each leak is its own event, so there is nothing to count or window;
 * the alert id is the request id, so a redelivery is recognisable.
 */
public final class SystemPromptLeakRule {

  public static final String RULE = "system_prompt_leak";

  private SystemPromptLeakRule() {}

  public static boolean matches(AuditEvent audit) {
    return audit != null && RULE.equals(audit.code());
  }

  /** The alert for a leak's audit event, which holds no content: only ids, model and time. */
  public static Alert alert(AuditEvent audit) {
    Map<String, Object> evidence = new LinkedHashMap<>();
    evidence.put("request_id", audit.requestId());
    if (audit.keyId() != null) {
      evidence.put("key_id", audit.keyId());
    }
    if (audit.model() != null) {
      evidence.put("model", audit.model());
    }
    String subject = audit.principal() != null ? audit.principal() : "unknown";
    return new Alert(RULE + ":" + audit.requestId(), RULE, "critical", subject, audit.timestamp(), audit.timestamp(), 1,
        1, audit.timestamp(), "the answer to request " + audit.requestId() + " (" + subject
            + ") repeated its canary token: the model disclosed its system prompt", evidence);
  }
}
