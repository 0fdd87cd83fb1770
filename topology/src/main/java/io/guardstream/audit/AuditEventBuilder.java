package io.guardstream.audit;

import io.guardstream.messages.AuditEvent;
import io.guardstream.messages.Inspection;
import io.guardstream.messages.RequestContext;
import io.guardstream.messages.Timings;
import io.guardstream.messages.Usage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Assembles the one audit event of a request; every field is optional but the decision. */
public final class AuditEventBuilder {

  private final String requestId;
  private String decision;
  private int status;
  private String code;
  private String stage;
  private List<String> reasons = List.of();
  private String principal;
  private String tenant;
  private String keyId;
  private String source;
  private String model;
  private long receivedAt;
  private Long acceptedAt;
  private Long answeredAt;
  private Inspection inspection;
  private Map<String, Integer> responsePiiCounts;
  private Usage usage;
  private String policyVersion;
  private List<String> detectors;

  private AuditEventBuilder(String requestId) {
    this.requestId = requestId;
  }

  public static AuditEventBuilder forRequest(String requestId) {
    return new AuditEventBuilder(requestId);
  }

  /** The decision, its HTTP-like status, the error code (null when allowed) and the stage that made it. */
  public AuditEventBuilder decision(String decision, int status, String code, String stage) {
    this.decision = decision;
    this.status = status;
    this.code = code;
    this.stage = stage;
    return this;
  }

  public AuditEventBuilder reasons(List<String> reasons) {
    this.reasons = List.copyOf(reasons);
    return this;
  }

  public AuditEventBuilder who(String principal, String tenant, String keyId) {
    this.principal = principal;
    this.tenant = tenant;
    this.keyId = keyId;
    return this;
  }

  public AuditEventBuilder source(String source) {
    this.source = source;
    return this;
  }

  public AuditEventBuilder model(String model) {
    this.model = model;
    return this;
  }

  public AuditEventBuilder received(long receivedAt) {
    this.receivedAt = receivedAt;
    return this;
  }

  /** Everything the request path recorded on an accepted request. */
  public AuditEventBuilder context(RequestContext context) {
    who(context.principal(), context.tenant(), context.keyId());
    this.source = context.source();
    this.receivedAt = context.receivedAt();
    this.acceptedAt = context.acceptedAt() > 0 ? context.acceptedAt() : null;
    this.inspection = context.inspection();
    this.detectors = context.detectors();
    return this;
  }

  public AuditEventBuilder inspection(Inspection inspection, List<String> detectors) {
    this.inspection = inspection;
    this.detectors = detectors;
    return this;
  }

  public AuditEventBuilder answered(long answeredAt, Map<String, Integer> responsePiiCounts, Usage usage) {
    this.answeredAt = answeredAt;
    this.responsePiiCounts = responsePiiCounts;
    this.usage = usage;
    return this;
  }

  public AuditEventBuilder policyVersion(String policyVersion) {
    this.policyVersion = policyVersion;
    return this;
  }

  /**
   * @param decidedAt when the decision was taken (epoch ms)
   */
  public AuditEvent build(long decidedAt) {
    if (decision == null) {
      throw new IllegalStateException("an audit event needs a decision");
    }
    // deterministic: a re-processed request yields the same event id, so sinks can de-duplicate
    String eventId =
        UUID.nameUUIDFromBytes((requestId + "|" + stage + "|" + decision + "|" + receivedAt).getBytes(StandardCharsets.UTF_8))
            .toString();
    return new AuditEvent(
        eventId,
        requestId,
        decidedAt,
        decision,
        status,
        code,
        stage,
        reasons,
        principal,
        tenant,
        keyId,
        source,
        model,
        new Timings(receivedAt, acceptedAt, answeredAt, decidedAt, Math.max(0, decidedAt - receivedAt)),
        inspection,
        responsePiiCounts,
        usage,
        policyVersion,
        detectors);
  }
}
