package io.guardstream.inspect.injection;

import io.guardstream.bench.InjectionScoreBenchmark;
import io.guardstream.inspect.injection.TextNormalizer.NormalizedText;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.BitSet;
import java.util.List;

/**
 * Where {@link InjectionDetector#score}'s CPU time goes on {@code InjectionScore}'s two 1 KB prompts:
 * the detector's stages run in its order on its components, each timed in this thread's CPU time,
 * so that every stage pays the cache misses it pays in the real call (timed alone, the classifier
 * and the automaton cost half as much). In this package to reach the package-private stages:
 * {@code java -cp bench/target/benchmarks.jar io.guardstream.inspect.injection.InjectionStageCost
 * [CPU seconds per prompt kind]}.
 *
 * <p>A profile, not the detector: it skips the evidence bookkeeping, and the figures carry the
 * timer's own cost (about 0.3 us per stage, measured and subtracted).
 */
public final class InjectionStageCost {

  private static final String[] STAGES = {
    "normalise (strip, NFKC, lowercase, collapse)",
    "deobfuscate (fold leetspeak, look-alikes, spacing)",
    "classifier (n-gram hashing and weight lookups)",
    "anchor automaton (prompt)",
    "signature regexes (prompt)",
    "folded view (automaton and regexes)",
    "encoded payloads (find and decode)",
    "payload views (normalise, automaton, regexes)",
    "adversarial suffix",
    "repetition flood",
    "amplifier regexes (after a signal)",
  };

  private InjectionStageCost() {}

  public static void main(String[] args) {
    double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5.0;
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long timerStart = threads.getCurrentThreadCpuTime();
    for (int i = 0; i < 100_000; i++) {
      threads.getCurrentThreadCpuTime();
    }
    double timerNs = (threads.getCurrentThreadCpuTime() - timerStart) / 100_000.0;
    InjectionDetector detector = new InjectionDetector();
    Stages stages = new Stages(detector);
    for (String prompt : new String[] {"benign", "injected"}) {
      InjectionScoreBenchmark benchmark = new InjectionScoreBenchmark();
      benchmark.prompt = prompt;
      benchmark.setUp();
      List<String> texts = benchmark.texts();
      long[] ns = new long[STAGES.length];
      long calls = 0;
      for (int phase = 0; phase < 2; phase++) { // the first phase warms the JIT up
        java.util.Arrays.fill(ns, 0);
        calls = 0;
        long start = threads.getCurrentThreadCpuTime();
        while (threads.getCurrentThreadCpuTime() - start < seconds * 1e9 / 2) {
          for (String text : texts) {
            stages.run(text, ns, threads);
            calls++;
          }
        }
      }
      double total = 0;
      System.out.printf("%s 1 KB, CPU us per prompt by stage (%d prompts)%n", prompt, calls);
      for (int s = 0; s < STAGES.length; s++) {
        double us = Math.max(0, ns[s] / (double) calls - timerNs) / 1e3;
        total += us;
        System.out.printf("  %-52s %7.2f%n", STAGES[s], us);
      }
      System.out.printf("  %-52s %7.2f%n", "sum of stages", total);
    }
  }

  /** The detector's components, run in {@code collect}'s order with a timer between stages. */
  private static final class Stages {
    private final InjectionDetector detector;
    private final TextNormalizer normalizer = new TextNormalizer();
    private final Deobfuscator deobfuscator = new Deobfuscator();
    private final InjectionClassifier classifier = InjectionClassifier.load();
    private final EncodedPayloads payloads = new EncodedPayloads();
    private final AdversarialSuffix suffix = new AdversarialSuffix();
    private final RepetitionFlood repetition = new RepetitionFlood();
    private double sink;

    Stages(InjectionDetector detector) {
      this.detector = detector;
    }

    void run(String raw, long[] ns, ThreadMXBean threads) {
      long t0 = threads.getCurrentThreadCpuTime();
      NormalizedText normalized = normalizer.normalize(raw);
      long t1 = threads.getCurrentThreadCpuTime();
      // normalize() folds (the lowercase text before collapsing); the collapsed text, folded again
      // here, takes as long, which is taken off normalising
      String folded = deobfuscator.fold(normalized.text());
      long t2 = threads.getCurrentThreadCpuTime();
      ns[0] += (t1 - t0) - (t2 - t1);
      ns[1] += t2 - t1;
      sink += classifier.probability(normalized.text()) + (folded == null ? 0 : 1);
      long t3 = threads.getCurrentThreadCpuTime();
      ns[2] += t3 - t2;
      SignatureCatalog catalog = detector.catalog();
      BitSet hits = new BitSet();
      SignatureCatalog.View view = catalog.view(normalized.text());
      long t4 = threads.getCurrentThreadCpuTime();
      ns[3] += t4 - t3;
      view.match(hits, false);
      long t5 = threads.getCurrentThreadCpuTime();
      ns[4] += t5 - t4;
      if (normalized.deobfuscated() != null) {
        catalog.view(normalized.deobfuscated()).match(hits, false);
      }
      long t6 = threads.getCurrentThreadCpuTime();
      ns[5] += t6 - t5;
      List<EncodedPayloads.Payload> found = detector.findPayloads(normalized, view);
      long t7 = threads.getCurrentThreadCpuTime();
      ns[6] += t7 - t6;
      for (EncodedPayloads.Payload payload : found) {
        catalog.view(normalizer.normalizePayload(payload.text())).match(new BitSet(), false);
      }
      long t8 = threads.getCurrentThreadCpuTime();
      ns[7] += t8 - t7;
      sink += suffix.matches(normalized.stripped()) ? 1 : 0;
      long t9 = threads.getCurrentThreadCpuTime();
      ns[8] += t9 - t8;
      sink += repetition.matches(normalized.text()) ? 1 : 0;
      long t10 = threads.getCurrentThreadCpuTime();
      ns[9] += t10 - t9;
      if (!hits.isEmpty()) {
        view.match(hits, true);
      }
      long t11 = threads.getCurrentThreadCpuTime();
      ns[10] += t11 - t10;
      sink += hits.cardinality();
    }
  }
}
