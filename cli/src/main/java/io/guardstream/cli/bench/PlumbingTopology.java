package io.guardstream.cli.bench;

import io.guardstream.config.TopicNames;
import io.guardstream.ingest.RequestHeaders;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The two reference topologies of the benchmark. {@code identity} copies the request topic: Kafka's
 * own ceiling. {@code plumbing} takes exactly the pipeline's topic hops (repartition by principal,
 * worker request, worker answer, the worker requests read back by the response path, response and
 * audit writes) with no parsing, detection or state: the ceiling for the pipeline's shape.
 */
final class PlumbingTopology {

  private static final String REQUEST_ID = "request-id";

  private PlumbingTopology() {}

  static Topology identity(String input, String output) {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(input, Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("identity-source"))
        .to(output, Produced.with(Serdes.String(), Serdes.ByteArray()).withName("identity-sink"));
    return builder.build();
  }

  static Topology plumbing(TopicNames topics) {
    StreamsBuilder builder = new StreamsBuilder();
    var bytes = Consumed.with(Serdes.String(), Serdes.ByteArray());
    var out = Produced.with(Serdes.String(), Serdes.ByteArray());
    builder.stream(topics.requests(), bytes.withName("plumbing-source-requests"))
        .process(() -> new Rekey(true), Named.as("plumbing-key-by-principal"))
        .repartition(Repartitioned.<String, byte[]>as("plumbing-by-principal")
            .withKeySerde(Serdes.String()).withValueSerde(Serdes.ByteArray()))
        .process(() -> new Rekey(false), Named.as("plumbing-key-by-request"))
        .to(topics.workerRequests(), out.withName("plumbing-to-worker"));
    var answers = builder.stream(topics.workerResponses(), bytes.withName("plumbing-source-answers"));
    // the pipeline's response path reads the worker requests back (its pending-request join): the
    // same reads here, dropped, so that the ceiling consumes what the pipeline consumes
    var sent = builder.stream(topics.workerRequests(), bytes.withName("plumbing-source-sent"))
        .filter((requestId, value) -> false, Named.as("plumbing-drop-sent"));
    answers = answers.merge(sent, Named.as("plumbing-merge-sent"));
    answers.to(topics.responses(), out.withName("plumbing-to-responses"));
    answers.to(topics.audit(), out.withName("plumbing-to-audit"));
    return builder.build();
  }

  /**
   * Re-keys by the credential (the principal stand-in, all that routing needs) with the request id
   * kept in a header, or back by that header.
   */
  private static final class Rekey implements Processor<String, byte[], String, byte[]> {
    private final boolean byPrincipal;
    private ProcessorContext<String, byte[]> context;

    Rekey(boolean byPrincipal) {
      this.byPrincipal = byPrincipal;
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
      this.context = context;
    }

    @Override
    public void process(Record<String, byte[]> record) {
      if (byPrincipal) {
        Header auth = record.headers().lastHeader(RequestHeaders.AUTHORIZATION);
        String principal = auth == null ? "anonymous" : Integer.toHexString(new String(auth.value(), StandardCharsets.UTF_8).hashCode());
        var headers = new RecordHeaders();
        headers.add(REQUEST_ID, record.key().getBytes(StandardCharsets.UTF_8));
        context.forward(record.withKey(principal).withHeaders(headers));
      } else {
        String id = new String(record.headers().lastHeader(REQUEST_ID).value(), StandardCharsets.UTF_8);
        context.forward(record.withKey(id).withHeaders(new RecordHeaders()));
      }
    }
  }
}
