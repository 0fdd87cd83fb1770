package io.guardstream.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The credential benchmarks' operations timed in this thread's CPU time rather than wall time: on a
 * machine shared with other work, JMH's ops/s fall with the share of a core the benchmark gets, while
 * CPU time per operation does not (caches and memory bandwidth are still shared). A cross-check of the
 * JMH figures, not a replacement: {@code java -cp bench/target/benchmarks.jar io.guardstream.bench.CpuCost [masking]}.
 */
public final class CpuCost {

  private static final long WARM_UP_NS = 3_000_000_000L;
  private static final long MEASURE_CPU_NS = 5_000_000_000L;

  private CpuCost() {}

  /** {@code CpuCost} times the credential checks; {@code CpuCost masking} the masking operators. */
  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("masking")) {
      Map<String, Supplier<Object>> operations = new LinkedHashMap<>();
      for (String operator : new String[] {"tag", "partial", "hash", "redact", "encrypt"}) {
        var masking = new MaskingBenchmark();
        masking.operator = operator;
        masking.setUp();
        operations.put("mask 1 KB, " + operator, masking::mask);
      }
      measure(operations);
      return;
    }
    Map<String, Supplier<Object>> operations = new LinkedHashMap<>();
    var apiKey = new ApiKeyCheckBenchmark();
    apiKey.setUp();
    operations.put("API key", apiKey::check);
    var introspection = new IntrospectionCacheHitBenchmark();
    introspection.setUp();
    operations.put("introspection cache hit", introspection::verify);
    for (String algorithm : new String[] {"RS256", "ES256", "EdDSA"}) {
      for (String cache : new String[] {"off", "on"}) {
        var jwt = new JwtVerifyBenchmark();
        jwt.algorithm = algorithm;
        jwt.cache = cache;
        jwt.setUp();
        operations.put("JWT " + algorithm + " cache " + cache, jwt::verify);
      }
    }
    measure(operations);
    introspection.tearDown();
  }

  /** Warms each operation up, then prints its CPU time per call on this thread. */
  static void measure(Map<String, Supplier<Object>> operations) {
    for (var op : operations.entrySet()) {
      double micros = cpuMicrosPerCall(op.getValue(), WARM_UP_NS, MEASURE_CPU_NS, 1)[0];
      System.out.printf("%-24s %12.3f us CPU/op %14.0f ops per CPU-second%n", op.getKey(), micros, 1e6 / micros);
    }
  }

  /**
   * This thread's CPU microseconds per call of {@code op}, one figure per round of {@code measureNs} CPU
   * nanoseconds, after {@code warmUpNs} of wall-clock warm-up; sorted, so the middle one is the median.
   */
  static double[] cpuMicrosPerCall(Supplier<Object> op, long warmUpNs, long measureNs, int rounds) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    Object sink = null;
    for (long end = System.nanoTime() + warmUpNs; System.nanoTime() < end; ) {
      sink = op.get();
    }
    double[] micros = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      long calls = 0;
      long cpuStart = threads.getCurrentThreadCpuTime();
      long cpu;
      do {
        for (int i = 0; i < 64; i++) {
          sink = op.get();
        }
        calls += 64;
        cpu = threads.getCurrentThreadCpuTime() - cpuStart;
      } while (cpu < measureNs);
      micros[r] = cpu / 1e3 / calls;
    }
    if (sink == null) {
      throw new IllegalStateException("the operation returned null: the JIT could drop it");
    }
    Arrays.sort(micros);
    return micros;
  }
}
