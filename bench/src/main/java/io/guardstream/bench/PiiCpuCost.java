package io.guardstream.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * {@link PiiScanBenchmark}'s scans timed in this thread's CPU time, in microseconds per 1 KB of text:
 * JMH's wall-clock figures on a shared machine fall with the share of a core the benchmark gets,
 * while CPU time per scan does not. Run two builds one after the other to compare them:
 * {@code java -cp bench/target/benchmarks.jar io.guardstream.bench.PiiCpuCost [seconds]}.
 */
public final class PiiCpuCost {

  private PiiCpuCost() {}

  public static void main(String[] args) {
    long measureNs = (long) ((args.length > 0 ? Double.parseDouble(args[0]) : 5.0) * 1e9);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    for (Prose.Mix mix : Prose.Mix.values()) {
      for (boolean names : new boolean[] {true, false}) {
        PiiScanBenchmark scan = new PiiScanBenchmark();
        scan.bytes = 1024;
        scan.text = mix;
        scan.names = names;
        scan.setUp();
        int sink = 0;
        for (long end = System.nanoTime() + measureNs / 2; System.nanoTime() < end; ) {
          sink += scan.scan().size();
        }
        long calls = 0;
        long cpuStart = threads.getCurrentThreadCpuTime();
        long cpu;
        do {
          for (int i = 0; i < 64; i++) {
            sink += scan.scan().size();
          }
          calls += 64;
          cpu = threads.getCurrentThreadCpuTime() - cpuStart;
        } while (cpu < measureNs);
        System.out.printf("PiiScan 1 KB %-5s names=%-5s %9.1f us CPU per KB (%d scans, %d findings)%n", mix, names,
            cpu / 1e3 / calls, calls, sink);
      }
    }
  }
}
