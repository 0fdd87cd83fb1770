package io.guardstream.inspect;

import io.guardstream.audit.AuditEventBuilder;
import io.guardstream.config.InjectionPolicy;
import io.guardstream.inspect.injection.CanaryToken;
import io.guardstream.messages.RequestContext;
import io.guardstream.respond.Responses;
import io.guardstream.topology.Admitted;
import io.guardstream.topology.Outcome;
import io.guardstream.topology.Verdict;
import java.util.List;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Stage 5: mask PII and score injection before the request leaves the first sub-topology, so that
 * the repartition topic and everything after it only ever hold masked prompts. A score at the block
 * threshold stops the request with 400; a flagged one continues, marked.
 */
public final class InspectProcessor implements FixedKeyProcessor<String, Admitted, Verdict<Admitted>> {

  public static final String STAGE = "inspect";

  private final PromptInspector inspector;
  private final InjectionPolicy policy;
  private final CanaryToken canary; // null: canaries off
  private FixedKeyProcessorContext<String, Verdict<Admitted>> context;

  public InspectProcessor(PromptInspector inspector, InjectionPolicy policy, CanaryToken canary) {
    this.inspector = inspector;
    this.policy = policy;
    this.canary = canary;
  }

  @Override
  public void init(FixedKeyProcessorContext<String, Verdict<Admitted>> context) {
    this.context = context;
  }

  @Override
  public void process(FixedKeyRecord<String, Admitted> record) {
    Admitted in = record.value();
    RequestContext c = in.context();
    InjectionPolicy.Thresholds thresholds = policy.forTenant(c.tenant());
    PromptInspector.Result result = inspector.inspect(in.request().messages(), in.request().user(), c.tenant(),
        in.requestId(), thresholds.flag(), thresholds.block());
    var inspected = new RequestContext(c.principal(), c.tenant(), c.keyId(), c.source(), c.receivedAt(), c.acceptedAt(),
        c.rateLimit(), result.inspection(), c.policyVersion(), inspector.detectorIds(), result.vault());
    if (result.blocked()) {
      String reason = "prompt injection detected (" + String.join(", ", result.inspection().injectionCategories()) + ")";
      var audit =
          AuditEventBuilder.forRequest(in.requestId())
              .decision("rejected", 400, "prompt_injection_detected", STAGE)
              .reasons(List.of(reason))
              .context(inspected)
              .model(in.request().model())
              .policyVersion(c.policyVersion())
              .build(context.currentSystemTimeMs());
      var outcome = new Outcome(in.requestId(),
          Responses.error(in.requestId(), 400, "prompt_injection_detected", reason), null, audit, null, null);
      context.forward(record.withValue(Verdict.stop(outcome)));
    } else {
      var messages = canary == null ? result.messages() : canary.guard(in.requestId(), result.messages());
      var masked = new Admitted(in.requestId(), in.request().masked(messages, result.user()), inspected,
          in.requestsPerMinute(), in.quota());
      context.forward(record.withValue(Verdict.pass(masked)));
    }
  }
}
