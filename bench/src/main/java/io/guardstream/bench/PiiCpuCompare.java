package io.guardstream.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * Two builds' {@link PiiScanBenchmark} scans timed in one JVM, round by round in turn: each
 * benchmarks.jar is loaded by a class loader of its own, so a change in the load of a shared
 * machine (another build starting, a busy hyperthread sibling) hits both builds alike, where two
 * runs one after the other can differ by more than the change measured. Prints each build's
 * median and minimum CPU time per 1 KB scan and the median ratio of the alternated rounds:
 * {@code java -cp bench/target/benchmarks.jar io.guardstream.bench.PiiCpuCompare BEFORE.jar AFTER.jar [rounds]}.
 */
public final class PiiCpuCompare {

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final long WARM_UP_ROUND_NS = 500_000_000L;
  private static final long ROUND_NS = 300_000_000L;

  private PiiCpuCompare() {}

  /** A PiiScanBenchmark of the given jar, set up for 1 KB of one mix, as a call. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Supplier<Object> scanner(String jar, String mix, boolean names) throws Exception {
    URLClassLoader loader = new URLClassLoader(new URL[] {Path.of(jar).toUri().toURL()}, ClassLoader.getPlatformClassLoader());
    Class<?> bench = loader.loadClass("io.guardstream.bench.PiiScanBenchmark");
    Class<?> mixClass = loader.loadClass("io.guardstream.bench.Prose$Mix");
    Object b = bench.getConstructor().newInstance();
    bench.getField("bytes").setInt(b, 1024);
    bench.getField("text").set(b, Enum.valueOf((Class) mixClass, mix));
    bench.getField("names").setBoolean(b, names);
    bench.getMethod("setUp").invoke(b);
    var scan = bench.getMethod("scan");
    return () -> {
      try {
        return scan.invoke(b);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    };
  }

  /** CPU microseconds per call over one round of {@code cpuNs}. */
  private static double round(Supplier<Object> op, long cpuNs) {
    long calls = 0;
    long start = THREADS.getCurrentThreadCpuTime();
    long cpu;
    Object sink = null;
    do {
      for (int i = 0; i < 32; i++) {
        sink = op.get();
      }
      calls += 32;
      cpu = THREADS.getCurrentThreadCpuTime() - start;
    } while (cpu < cpuNs);
    if (sink == null) {
      throw new IllegalStateException("the scan returned null: the JIT could drop it");
    }
    return cpu / 1e3 / calls;
  }

  public static void main(String[] a) throws Exception {
    String base = a[0];
    String next = a[1];
    int rounds = a.length > 2 ? Integer.parseInt(a[2]) : 21;
    for (String cfg : new String[] {"MIXED:true", "MIXED:false", "CLEAN:true", "CLEAN:false"}) {
      String[] p = cfg.split(":");
      Supplier<Object> b = scanner(base, p[0], Boolean.parseBoolean(p[1]));
      Supplier<Object> n = scanner(next, p[0], Boolean.parseBoolean(p[1]));
      for (int w = 0; w < 8; w++) { // 4 s of CPU each: the name finder's JIT settles after about 3
        round(b, WARM_UP_ROUND_NS);
        round(n, WARM_UP_ROUND_NS);
      }
      double[] rb = new double[rounds];
      double[] rn = new double[rounds];
      double[] ratio = new double[rounds];
      for (int r = 0; r < rounds; r++) {
        rb[r] = round(b, ROUND_NS);
        rn[r] = round(n, ROUND_NS);
        ratio[r] = rn[r] / rb[r];
      }
      Arrays.sort(rb);
      Arrays.sort(rn);
      Arrays.sort(ratio);
      System.out.printf("PiiScan 1 KB %-11s before %6.1f (min %5.1f)  after %6.1f (min %5.1f) us CPU per KB, median of %d alternated rounds; after/before median %.2f (quartiles %.2f-%.2f)%n",
          cfg, rb[rounds / 2], rb[0], rn[rounds / 2], rn[0], rounds, ratio[rounds / 2], ratio[rounds / 4], ratio[3 * rounds / 4]);
    }
  }
}
