package io.guardstream.bench;

import io.guardstream.inspect.PiiFinding;
import io.guardstream.inspect.pii.EntityRecognizer;
import io.guardstream.inspect.pii.LocationRecognizer;
import io.guardstream.inspect.pii.PersonRecognizer;
import io.guardstream.inspect.pii.PiiScanner;
import io.guardstream.inspect.pii.RecognizerRegistry;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * One PII and secret scan of a prompt by {@link PiiScanner}, with every built-in recogniser
 * ({@code names=true}) or without the PERSON and LOCATION name finder, the one recogniser that runs a
 * statistical model rather than patterns and checksums. 16 different texts of the given size, in
 * turn, so no single text's branches are learnt.
 */
public class PiiScanBenchmark extends SuiteSettings {

  private static final int TEXTS = 16;

  @Param({"1024", "10240"})
  public int bytes;

  @Param({"MIXED", "CLEAN"})
  public Prose.Mix text;

  @Param({"true", "false"})
  public boolean names;

  private final String[] texts = new String[TEXTS];
  private PiiScanner scanner;
  private int next;

  @Setup
  public void setUp() {
    scanner = names ? new PiiScanner() : new PiiScanner(withoutNameFinder());
    int found = 0;
    for (int i = 0; i < TEXTS; i++) {
      texts[i] = Prose.text(bytes, text, i);
      found += scanner.scan(texts[i]).size();
    }
    Benchmarks.require((found > 0) == (text == Prose.Mix.MIXED), "only the mixed texts hold PII, found " + found);
  }

  static RecognizerRegistry withoutNameFinder() {
    List<EntityRecognizer> patterns = RecognizerRegistry.defaults().recognizers().stream()
        .filter(r -> !r.type().equals(PersonRecognizer.TYPE) && !r.type().equals(LocationRecognizer.TYPE))
        .toList();
    return new RecognizerRegistry(patterns);
  }

  @Benchmark
  public List<PiiFinding> scan() {
    return scanner.scan(texts[next++ & (TEXTS - 1)]);
  }
}
