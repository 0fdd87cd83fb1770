package io.guardstream.bench;

import io.guardstream.inspect.pii.EntityRecognizer;
import io.guardstream.inspect.pii.PiiScanner;
import io.guardstream.inspect.pii.RecognizerRegistry;
import java.util.List;

/**
 * {@link PiiScanBenchmark}'s scans timed in this thread's CPU time, in microseconds per 1 KB of text:
 * JMH's wall-clock figures on a shared machine fall with the share of a core the benchmark gets,
 * while CPU time per scan does not. Run two builds one after the other to compare them:
 * {@code java -cp bench/target/benchmarks.jar io.guardstream.bench.PiiCpuCost [seconds per round] [rounds] [per-recogniser]}.
 * With {@code per-recogniser}, it then times a scanner holding one recogniser alone (its own
 * pass to profile the text included) on the mixed prose.
 */
public final class PiiCpuCost {

  private PiiCpuCost() {}

  public static void main(String[] args) {
    long measureNs = (long) ((args.length > 0 ? Double.parseDouble(args[0]) : 5.0) * 1e9);
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    for (Prose.Mix mix : new Prose.Mix[] {Prose.Mix.MIXED, Prose.Mix.CLEAN}) {
      for (boolean names : new boolean[] {true, false}) {
        PiiScanBenchmark scan = new PiiScanBenchmark();
        scan.bytes = 1024;
        scan.text = mix;
        scan.names = names;
        scan.setUp();
        double[] perKb = CpuCost.cpuMicrosPerCall(scan::scan, measureNs, measureNs, rounds);
        System.out.printf("PiiScan 1 KB %-5s names=%-5s %9.1f us CPU per KB (median of %d rounds, min %.1f, max %.1f)%n",
            mix, names, perKb[rounds / 2], rounds, perKb[0], perKb[rounds - 1]);
      }
    }
    if (args.length > 2 && args[2].equals("per-recogniser")) {
      perRecogniser(measureNs, rounds);
    }
  }

  private static void perRecogniser(long measureNs, int rounds) {
    String[] texts = new String[16];
    for (int i = 0; i < texts.length; i++) {
      texts[i] = Prose.text(1024, Prose.Mix.MIXED, i);
    }
    for (EntityRecognizer recognizer : RecognizerRegistry.defaults().recognizers()) {
      PiiScanner alone = new PiiScanner(new RecognizerRegistry(List.of(recognizer)));
      int[] next = {0};
      double[] perKb = CpuCost.cpuMicrosPerCall(() -> alone.scan(texts[next[0]++ & 15]), measureNs / 2, measureNs, rounds);
      System.out.printf("  alone, MIXED 1 KB: %-32s %7.1f us CPU per KB (median of %d rounds, min %.1f)%n",
          recognizer.getClass().getSimpleName(), perKb[rounds / 2], rounds, perKb[0]);
    }
  }
}
