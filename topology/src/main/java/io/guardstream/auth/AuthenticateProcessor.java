package io.guardstream.auth;

import io.guardstream.audit.AuditEventBuilder;
import io.guardstream.ingest.Ingested;
import io.guardstream.messages.ApiKeyRecord;
import io.guardstream.messages.RequestContext;
import io.guardstream.respond.Responses;
import io.guardstream.topology.Admitted;
import io.guardstream.topology.Outcome;
import io.guardstream.topology.Verdict;
import java.util.List;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Stages 2 and 3: authenticate the credential (API key registry from the global {@code llm.keys}
 * table, or JWT) and authorise the request (model, max_tokens, workload). Failures stop with 401 or 403; the credential goes no
 * further than this processor either way.
 */
public final class AuthenticateProcessor implements FixedKeyProcessor<String, Ingested, Verdict<Admitted>> {

  public static final String STAGE_AUTHENTICATE = "authenticate";
  public static final String STAGE_AUTHORIZE = "authorize";

  private final Authenticator authenticator;
  private final Authorizer authorizer;
  private final String keysStoreName;
  private final String policyVersion;
  private FixedKeyProcessorContext<String, Verdict<Admitted>> context;
  private ReadOnlyKeyValueStore<String, ValueAndTimestamp<ApiKeyRecord>> keys;

  public AuthenticateProcessor(Authenticator authenticator, Authorizer authorizer, String keysStoreName, String policyVersion) {
    this.authenticator = authenticator;
    this.authorizer = authorizer;
    this.keysStoreName = keysStoreName;
    this.policyVersion = policyVersion;
  }

  @Override
  public void init(FixedKeyProcessorContext<String, Verdict<Admitted>> context) {
    this.context = context;
    this.keys = context.getStateStore(keysStoreName);
  }

  @Override
  public void process(FixedKeyRecord<String, Ingested> record) {
    Ingested in = record.value();
    // expiry is checked against the processing clock, not the record timestamp, which whoever
    // produces the request can set (in replay, the driver's clock follows the recorded times)
    AuthResult result = authenticator.authenticate(in.credential(), this::findKey, context.currentSystemTimeMs());
    Verdict<Admitted> verdict;
    if (result instanceof AuthResult.Denied denied) {
      String keyId = in.credential().kind() == Credential.Kind.API_KEY ? ApiKeys.keyId(in.credential().secret()) : null;
      verdict = Verdict.stop(reject(in, 401, denied.code(), denied.reason(), STAGE_AUTHENTICATE, null, keyId, true));
    } else if (result instanceof AuthResult.Unavailable unavailable) {
      // the credential's authority is out of reach: fail closed, but tell the caller to retry
      verdict = Verdict.stop(reject(in, 502, unavailable.code(), unavailable.reason(), STAGE_AUTHENTICATE, null, null, false));
    } else {
      Principal principal = ((AuthResult.Authenticated) result).principal();
      Authorizer.Refusal refusal = authorizer.check(principal, in.request());
      if (refusal != null) {
        verdict = Verdict.stop(reject(in, 403, refusal.code(), refusal.reason(), STAGE_AUTHORIZE, principal, principal.keyId(), false));
      } else {
        var requestContext = new RequestContext(principal.id(), principal.tenant(), principal.keyId(), in.source(),
            in.receivedAt(), 0L, null, null, policyVersion, List.of());
        verdict = Verdict.pass(new Admitted(in.requestId(), in.request(), requestContext, principal.requestsPerMinute(),
            principal.quota()));
      }
    }
    context.forward(record.withValue(verdict));
  }

  private ApiKeyRecord findKey(String keyId) {
    ValueAndTimestamp<ApiKeyRecord> found = keys.get(keyId);
    return found == null ? null : found.value();
  }

  private Outcome reject(Ingested in, int status, String code, String reason, String stage, Principal principal, String keyId, boolean authFailure) {
    var audit =
        AuditEventBuilder.forRequest(in.requestId())
            .decision("rejected", status, code, stage)
            .reasons(List.of(reason))
            .who(principal == null ? null : principal.id(), principal == null ? null : principal.tenant(), keyId)
            .source(in.source())
            .model(in.request().model())
            .received(in.receivedAt())
            .policyVersion(policyVersion)
            .build(context.currentSystemTimeMs());
    return new Outcome(in.requestId(), Responses.error(in.requestId(), status, code, reason), null, audit, null,
        authFailure ? in.source() : null);
  }
}
