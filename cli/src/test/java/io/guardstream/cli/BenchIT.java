package io.guardstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.guardstream.serde.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code bench --json} runs all three phases on the embedded broker and reports every key it promises. */
class BenchIT {

  @Test
  void shouldMeasureIdentityPlumbingAndPipelineInOneRunAndPrintOneJsonObject() throws Exception {
    PrintStream original = System.out;
    var captured = new ByteArrayOutputStream();
    int exit;
    try {
      System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
      exit = Main.execute("bench", "--quick", "--records", "1000", "--json");
    } finally {
      System.setOut(original);
    }
    assertThat(exit).isZero();
    String out = captured.toString(StandardCharsets.UTF_8).strip();
    original.println(out);
    JsonNode result = Json.MAPPER.readTree(out.substring(out.lastIndexOf('\n') + 1));
    for (String key : new String[] {"identity_rps", "plumbing_rps", "pipeline_rps", "ratio", "processing_ratio", "hops",
        "p50_ms", "p99_ms", "cpu_ms_per_1k", "stream_cpu_ms_per_1k", "plumbing_stream_cpu_ms_per_1k", "records"}) {
      assertThat(result.has(key)).as(key).isTrue();
    }
    assertThat(result.get("records").asInt()).isEqualTo(1000);
    assertThat(result.get("pipeline_rps").asDouble()).isPositive();
    assertThat(result.get("ratio").asDouble()).isEqualTo(
        Math.round(result.get("pipeline_rps").asDouble() / result.get("identity_rps").asDouble() * 1000) / 1000.0,
        org.assertj.core.data.Offset.offset(0.002));
    // every pipeline request is at least routed, answered and audited: at least three topic writes
    assertThat(result.get("hops").asDouble()).isGreaterThan(3);
    assertThat(result.get("latency_samples").asLong()).isPositive();
    // the pipeline's windows, budgets and pending requests are on disk when it stops
    assertThat(result.get("state_dir_mb").asDouble()).isPositive();
    // what a collection left in use is part of what was in use at its peak
    assertThat(result.get("live_heap_mb").asLong()).isBetween(0L, result.get("peak_heap_mb").asLong());
    assertThat(result.get("processing_guarantee").asText()).isEqualTo("exactly_once_v2");
    // this test's JVM compiles in tiers (only the launcher turns them off), and a fresh JVM compiles
    assertThat(result.get("tiered_compilation").asBoolean()).isTrue();
    assertThat(result.get("jit_cpu_ms_per_1k").asDouble()).isPositive();
    assertThat(result.get("gc_cpu_ms_per_1k").asDouble()).isGreaterThanOrEqualTo(0);
    // the pipeline's stream thread parses, authenticates and inspects: it costs more than plumbing's
    assertThat(result.get("stream_cpu_ms_per_1k").asDouble())
        .isGreaterThan(result.get("plumbing_stream_cpu_ms_per_1k").asDouble());
  }

  @Test
  void shouldRefuseAPayloadSizeOutOfRangeWithExitCode2() {
    assertThat(Main.execute("bench", "--payload-bytes", "10")).isEqualTo(2);
  }

  @Test
  void shouldRefuseAnUnknownProcessingGuaranteeWithExitCode2() {
    assertThat(Main.execute("bench", "--processing-guarantee", "exactly_once")).isEqualTo(2);
  }

  @Test
  void shouldRefuseANegativeWarmUpWithExitCode2() {
    assertThat(Main.execute("bench", "--warm-up-records", "-1")).isEqualTo(2);
  }
}
