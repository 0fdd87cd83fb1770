package io.guardstream.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import io.guardstream.messages.Alert;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.junit.jupiter.api.Test;

class AuthFailureBurstProcessorTest {

  @Test
  void shouldForwardCredentialAlertsRaisedOutsideAnyRecordEverySecond() {
    List<Alert> raised = new ArrayList<>();
    var processor = new AuthFailureBurstProcessor("failures", new AuthFailureBurstRule(5, 60_000), () -> {
      List<Alert> out = List.copyOf(raised);
      raised.clear();
      return out;
    });
    var context = new MockProcessorContext<String, Alert>();
    WindowStore<String, Long> store = Stores.windowStoreBuilder(
            Stores.inMemoryWindowStore("failures", Duration.ofMinutes(2), Duration.ofMinutes(1), false),
            Serdes.String(), Serdes.Long())
        .withLoggingDisabled().build();
    store.init(context.getStateStoreContext(), store);
    context.addStateStore(store);
    processor.init(context);

    var punctuator = context.scheduledPunctuators().get(0);
    assertThat(punctuator.getType()).isEqualTo(PunctuationType.WALL_CLOCK_TIME);
    assertThat(punctuator.getInterval()).isEqualTo(Duration.ofSeconds(1));
    raised.add(new Alert("jwks_outage:idp:0", "jwks_outage", "high", "https://idp", 0, 300_000, 1, 1, 5, "down", Map.of()));
    punctuator.getPunctuator().punctuate(1_000);
    punctuator.getPunctuator().punctuate(2_000);
    assertThat(context.forwarded()).hasSize(1);
    assertThat(context.forwarded().get(0).record().key()).isEqualTo("jwks_outage:idp:0");
  }
}
