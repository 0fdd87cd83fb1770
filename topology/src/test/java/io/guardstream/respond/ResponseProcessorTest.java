package io.guardstream.respond;

import static org.assertj.core.api.Assertions.assertThat;

import io.guardstream.messages.RequestContext;
import io.guardstream.messages.Usage;
import io.guardstream.messages.WorkerResponse;
import io.guardstream.serde.JsonSerde;
import io.guardstream.topology.Outcome;
import io.guardstream.topology.StandardDetectors;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The response path's pending-request store and its expiry, through the processor API's mock context. */
class ResponseProcessorTest {

  private static final long TIMEOUT_MS = 30_000;
  private static final OutputFilter FILTER = new OutputFilter(StandardDetectors.load().pii());

  private MockProcessorContext<String, Outcome> context;
  private KeyValueStore<String, PendingRequest> store;

  @BeforeEach
  void setUp() {
    context = new MockProcessorContext<>();
    store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("pending"), Serdes.String(),
            JsonSerde.of(PendingRequest.class))
        .withLoggingDisabled().build();
    store.init(context.getStateStoreContext(), store);
    context.addStateStore(store);
  }

  @Test
  void shouldAnswer504ForARequestThatWasPendingBeforeTheProcessorStarted() {
    // what a restart finds: the entry came back from the changelog, the processor is new
    store.put("r-old", new PendingRequest(context("alice"), "gpt-4o-mini", null, 1_000));
    store.put("r-new", new PendingRequest(context("bob"), "gpt-4o-mini", null, 20_000));
    started();

    expire(1_000 + TIMEOUT_MS);

    assertThat(context.forwarded()).hasSize(1);
    Outcome outcome = context.forwarded().get(0).record().value();
    assertThat(outcome.requestId()).isEqualTo("r-old");
    assertThat(outcome.response().status()).isEqualTo(504);
    assertThat(store.get("r-old")).isNull();
    assertThat(store.get("r-new")).isNotNull();
  }

  @Test
  void shouldNotExpireARequestOnceItsAnswerCame() {
    var processor = started();
    context.setCurrentSystemTimeMs(5_000);
    processor.process(new Record<>("r-1", ResponsePathEvent.sent(new SentRequest("r-1", "gpt-4o-mini", context("alice"))), 5_000));
    processor.process(new Record<>("r-1", ResponsePathEvent.answered(answer("r-1")), 5_100));

    expire(5_000 + TIMEOUT_MS * 2);

    assertThat(context.forwarded()).hasSize(1);
    assertThat(context.forwarded().get(0).record().value().response().status()).isEqualTo(200);
    assertThat(store.get("r-1")).isNull();
  }

  @Test
  void shouldExpireAnOrphanAnswerWithoutAResponse() {
    var processor = started();
    context.setCurrentSystemTimeMs(5_000);
    processor.process(new Record<>("r-orphan", ResponsePathEvent.answered(answer("r-orphan")), 5_000));

    expire(5_000 + TIMEOUT_MS - 1);
    assertThat(store.get("r-orphan")).isNotNull();
    expire(5_000 + TIMEOUT_MS);

    assertThat(context.forwarded()).isEmpty();
    assertThat(store.get("r-orphan")).isNull();
  }

  private ResponseProcessor started() {
    var processor = new ResponseProcessor("pending", FILTER, TIMEOUT_MS);
    processor.init(context);
    return processor;
  }

  private void expire(long now) {
    context.scheduledPunctuators().get(0).getPunctuator().punctuate(now);
  }

  private static RequestContext context(String principal) {
    return new RequestContext(principal, "t", "k-" + principal, "src", 0, 0, null, null, "v1", List.of());
  }

  private static WorkerResponse answer(String requestId) {
    return new WorkerResponse(requestId, "gpt-4o-mini", "the answer", "stop", new Usage(3, 2, 5), null, 5_050);
  }
}
