package io.guardstream.ingest;

import io.guardstream.audit.AuditEventBuilder;
import io.guardstream.audit.Pseudonymizer;
import io.guardstream.auth.Credential;
import io.guardstream.messages.ChatRequest;
import io.guardstream.messages.DeadLetter;
import io.guardstream.respond.Responses;
import io.guardstream.topology.Outcome;
import io.guardstream.topology.Verdict;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Stage 1: parse and validate a raw request. A request that cannot be read stops here with a 400 or
 * 413 and a dead letter that holds its payload sealed; every other request continues with its
 * credential lifted out of the headers, which are dropped so that no token reaches any topic.
 */
public final class IngestProcessor implements FixedKeyProcessor<String, byte[], Verdict<Ingested>> {

  public static final String STAGE = "ingest";

  private final RequestParser parser;
  private final PayloadSealer sealer;
  private final byte[] pseudonymKey;
  private final String policyVersion;
  private Pseudonymizer pseudonymizer;
  private FixedKeyProcessorContext<String, Verdict<Ingested>> context;

  public IngestProcessor(RequestParser parser, PayloadSealer sealer, byte[] pseudonymKey, String policyVersion) {
    this.parser = parser;
    this.sealer = sealer;
    this.pseudonymKey = pseudonymKey;
    this.policyVersion = policyVersion;
  }

  @Override
  public void init(FixedKeyProcessorContext<String, Verdict<Ingested>> context) {
    this.context = context;
    this.pseudonymizer = new Pseudonymizer(pseudonymKey);
  }

  @Override
  public void process(FixedKeyRecord<String, byte[]> record) {
    String clientAddress = RequestHeaders.lastValue(record.headers(), RequestHeaders.CLIENT_ADDRESS);
    String source = clientAddress == null ? "unknown" : pseudonymizer.pseudonym("src", clientAddress);
    List<String> authorization = RequestHeaders.values(record.headers(), RequestHeaders.AUTHORIZATION);
    var clean = record.withHeaders(new RecordHeaders());

    RequestParser.Result parsed = parser.parse(record.value());
    Verdict<Ingested> verdict =
        parsed instanceof RequestParser.Invalid invalid
            ? Verdict.stop(rejected(record, record.key(), source, invalid.status(), invalid.code(), invalid.reason()))
            : admit(record, ((RequestParser.Parsed) parsed).request(), source, authorization);
    context.forward(clean.withValue(verdict));
  }

  private Verdict<Ingested> admit(FixedKeyRecord<String, byte[]> record, ChatRequest request, String source, List<String> authorization) {
    String key = record.key();
    String requestId = key != null ? key : request.id();
    if (requestId == null || requestId.isEmpty()) {
      return Verdict.stop(rejected(record, null, source, 400, "missing_request_id",
          "a request needs an id: the record key or the id field"));
    }
    if (key != null && request.id() != null && !key.equals(request.id())) {
      return Verdict.stop(rejected(record, key, source, 400, "request_id_mismatch",
          "the record key and the id field differ"));
    }
    return Verdict.pass(new Ingested(requestId, request, Credential.fromAuthorizationHeaders(authorization), source, record.timestamp()));
  }

  private Outcome rejected(FixedKeyRecord<String, byte[]> record, String requestId, String source, int status, String code, String reason) {
    var meta = context.recordMetadata();
    String topic = meta.map(RecordMetadata::topic).orElse("unknown");
    int partition = meta.map(RecordMetadata::partition).orElse(-1);
    long offset = meta.map(RecordMetadata::offset).orElse(-1L);
    byte[] payload = record.value() == null ? new byte[0] : record.value();
    var deadLetter =
        new DeadLetter(
            reason,
            code,
            topic,
            partition,
            offset,
            record.timestamp(),
            PayloadSealer.ALGORITHM,
            sealer.keyId(),
            sealer.seal(payload, topic + "/" + partition + "/" + offset),
            payload.length);
    var audit =
        AuditEventBuilder.forRequest(requestId)
            .decision("rejected", status, code, STAGE)
            .reasons(List.of(reason))
            .source(source)
            .received(record.timestamp())
            .policyVersion(policyVersion)
            .build(context.currentSystemTimeMs());
    return new Outcome(requestId, Responses.error(requestId, status, code, reason), null, audit, deadLetter, null);
  }
}
