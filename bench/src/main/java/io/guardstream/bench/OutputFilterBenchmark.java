package io.guardstream.bench;

import io.guardstream.inspect.pii.PiiScanner;
import io.guardstream.respond.OutputFilter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

/**
 * The response path's {@link OutputFilter} on a 1 KB answer with some personal data in it, built as
 * the topology builds it: every recogniser, findings under the default minimum score (0.5) dropped,
 * the rest masked by type.
 */
public class OutputFilterBenchmark extends SuiteSettings {

  private static final int TEXTS = 16;
  private static final int BYTES = 1024;
  private static final double PII_MIN_SCORE = 0.5;

  private final String[] answers = new String[TEXTS];
  private OutputFilter filter;
  private int next;

  @Setup
  public void setUp() {
    filter = new OutputFilter(new PiiScanner().atLeast(PII_MIN_SCORE));
    int masked = 0;
    for (int i = 0; i < TEXTS; i++) {
      answers[i] = Prose.text(BYTES, Prose.Mix.MIXED, 200 + i);
      masked += filter.filter(answers[i]).piiCounts().size();
    }
    Benchmarks.require(masked > 0, "the answers must hold PII to mask");
  }

  @Benchmark
  public OutputFilter.Filtered filter() {
    return filter.filter(answers[next++ & (TEXTS - 1)]);
  }
}
