package io.guardstream.inspect;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Single-core cost of the PII scan and the injection score per KiB of prompt, after warm-up, for
 * one or more builds of the detectors side by side in the same JVM, so a before/after ratio is not
 * spoilt by what else the machine runs. Not a JUnit test: a measurement must not hide in the
 * build.
 *
 * <pre>
 * java -cp "topology/target/test-classes:$(cat cp.txt)" io.guardstream.inspect.DetectorCostProbe \
 *     --data ../shared/data --seconds 2 --rounds 5 [--only 10KiB] before=/tmp/old-classes after=topology/target/classes
 * </pre>
 *
 * <p>Prompts are the texts of every JSONL file in the data directory, shuffled with a fixed seed,
 * joined with blank lines and cut into 1 KiB and 10 KiB pieces. Each round measures every build
 * in turn for a fixed time and reports thread CPU microseconds per KiB; the summary gives the
 * median over rounds.
 */
public final class DetectorCostProbe {

  private static final int KIB = 1024;

  private DetectorCostProbe() {}

  /** One build of the detectors, loaded by its own class loader. */
  private record Build(String name, Object pii, Method scan, Object injection, Method score) {}

  /** A workload: which detector over which prompts. */
  private record Workload(String name, boolean pii, List<String> prompts) {}

  public static void main(String[] args) throws Exception {
    Path data = Path.of("../shared/data");
    double seconds = 2;
    int rounds = 5;
    String only = "";
    List<String> builds = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--data" -> data = Path.of(args[++i]);
        case "--seconds" -> seconds = Double.parseDouble(args[++i]);
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--only" -> only = args[++i];
        default -> builds.add(args[i]);
      }
    }
    if (builds.isEmpty()) {
      builds.add("current=" + Path.of("topology/target/classes").toAbsolutePath());
    }
    String stream = promptStream(data);
    String wanted = only;
    List<Workload> workloads = List.of(
            new Workload("pii 1KiB", true, cut(stream, KIB, 400)),
            new Workload("pii 10KiB", true, cut(stream, 10 * KIB, 60)),
            new Workload("injection 1KiB", false, cut(stream, KIB, 400)))
        .stream().filter(w -> w.name().contains(wanted)).toList();
    List<Build> loaded = new ArrayList<>();
    for (String spec : builds) {
      loaded.add(load(spec));
    }
    for (Workload w : workloads) {
      for (int b = 1; b < loaded.size(); b++) {
        int differ = differences(loaded.get(0), loaded.get(b), w);
        if (differ > 0) {
          System.out.printf(Locale.ROOT, "%s: %s differs from %s on %d of %d prompts%n", w.name(),
              loaded.get(b).name(), loaded.get(0).name(), differ, w.prompts().size());
        }
      }
    }
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    double[][][] results = new double[workloads.size()][loaded.size()][rounds];
    for (Workload w : workloads) {
      for (Build b : loaded) {
        run(mx, b, w, Math.max(1.0, seconds)); // warm-up
      }
    }
    for (int r = 0; r < rounds; r++) {
      for (int w = 0; w < workloads.size(); w++) {
        for (int b = 0; b < loaded.size(); b++) {
          results[w][b][r] = run(mx, loaded.get(b), workloads.get(w), seconds);
        }
      }
      System.out.printf(Locale.ROOT, "round %d done%n", r + 1);
    }
    System.out.printf(Locale.ROOT, "%-16s", "us/KiB (cpu)");
    for (Build b : loaded) {
      System.out.printf(Locale.ROOT, "%22s", b.name() + " med [min-max]");
    }
    System.out.println(loaded.size() > 1 ? "   ratio last/first" : "");
    for (int w = 0; w < workloads.size(); w++) {
      System.out.printf(Locale.ROOT, "%-16s", workloads.get(w).name());
      for (int b = 0; b < loaded.size(); b++) {
        double[] v = results[w][b].clone();
        Arrays.sort(v);
        System.out.printf(Locale.ROOT, "%10.1f [%4.1f-%5.1f]", v[v.length / 2], v[0], v[v.length - 1]);
      }
      if (loaded.size() > 1) {
        System.out.printf(Locale.ROOT, "   %.2f", median(results[w][loaded.size() - 1]) / median(results[w][0]));
      }
      System.out.println();
    }
  }

  private static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    return v[v.length / 2];
  }

  /** Prompts on which two builds give different findings or verdicts (compared as text). */
  private static int differences(Build a, Build b, Workload w) throws Exception {
    int differ = 0;
    for (String p : w.prompts()) {
      if (!String.valueOf(call(a, w, p)).equals(String.valueOf(call(b, w, p)))) {
        differ++;
      }
    }
    return differ;
  }

  private static Object call(Build b, Workload w, String prompt) throws Exception {
    return w.pii() ? b.scan().invoke(b.pii(), prompt) : b.score().invoke(b.injection(), prompt);
  }

  /** CPU microseconds per KiB over whole passes through the prompts until {@code seconds} passed. */
  private static double run(ThreadMXBean mx, Build b, Workload w, double seconds) throws Exception {
    long chars = 0;
    long sink = 0;
    long wallStart = System.nanoTime();
    long cpuStart = mx.getCurrentThreadCpuTime();
    long budget = (long) (seconds * 1e9);
    do {
      for (String p : w.prompts()) {
        sink += call(b, w, p).hashCode();
        chars += p.length();
      }
    } while (System.nanoTime() - wallStart < budget);
    long cpu = mx.getCurrentThreadCpuTime() - cpuStart;
    if (sink == 42) {
      System.out.print("");
    }
    return cpu / 1e3 / (chars / (double) KIB);
  }

  private static Build load(String spec) throws Exception {
    int eq = spec.indexOf('=');
    String name = eq > 0 ? spec.substring(0, eq) : spec;
    String classes = eq > 0 ? spec.substring(eq + 1) : spec;
    List<URL> urls = new ArrayList<>();
    urls.add(new File(classes).toURI().toURL());
    // the probe's own class path minus its own build's main classes: the dependencies
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (entry.endsWith(".jar")) {
        urls.add(new File(entry).toURI().toURL());
      }
    }
    ClassLoader loader = new URLClassLoader(name, urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
    Class<?> piiClass = loader.loadClass("io.guardstream.inspect.pii.PiiScanner");
    Class<?> injClass = loader.loadClass("io.guardstream.inspect.injection.InjectionDetector");
    Object pii = piiClass.getConstructor().newInstance();
    Object inj = injClass.getConstructor().newInstance();
    return new Build(name, pii, piiClass.getMethod("scan", String.class), inj,
        injClass.getMethod("score", String.class));
  }

  private static String promptStream(Path data) throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<String> texts = new ArrayList<>();
    try (var files = Files.list(data)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".jsonl")).sorted().toList()) {
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
          if (!line.isBlank()) {
            texts.add(json.readTree(line).path("text").asText());
          }
        }
      }
    }
    Collections.shuffle(texts, new Random(7));
    return String.join("\n\n", texts);
  }

  /** {@code count} consecutive pieces of {@code size} chars, never splitting a surrogate pair. */
  private static List<String> cut(String stream, int size, int count) {
    List<String> pieces = new ArrayList<>(count);
    int at = 0;
    while (pieces.size() < count && at + size < stream.length()) {
      int end = at + size;
      if (Character.isHighSurrogate(stream.charAt(end - 1))) {
        end--;
      }
      pieces.add(stream.substring(at, end));
      at = end;
    }
    return pieces;
  }
}
