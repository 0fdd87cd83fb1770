package io.guardstream.bench;

import io.guardstream.inspect.PiiFinding;
import io.guardstream.inspect.masking.Deanonymizer;
import io.guardstream.inspect.masking.MaskOperator;
import io.guardstream.inspect.masking.Masker;
import io.guardstream.inspect.masking.MaskingPolicy;
import io.guardstream.inspect.masking.MaskingSession;
import io.guardstream.inspect.masking.TenantPseudonyms;
import io.guardstream.inspect.pii.PiiScanner;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * One masking operator applied to every finding of a 1 KB prompt, the findings computed once at setup,
 * so the figure is the operator's cost alone (the scan is {@code PiiScan}'s). {@code encrypt} includes
 * sealing the request's vault (AES-256-GCM), as the inspect stage does once per request.
 */
public class MaskingBenchmark extends SuiteSettings {

  private static final int TEXTS = 16;
  private static final int BYTES = 1024;
  private static final String TENANT = "acme";

  @Param({"tag", "partial", "hash", "redact", "encrypt"})
  public String operator;

  private final String[] prompts = new String[TEXTS];
  @SuppressWarnings("unchecked")
  private final List<PiiFinding>[] findings = new List[TEXTS];
  private Masker masker;
  private boolean seal;
  private int next;

  @Setup
  public void setUp() {
    MaskOperator op = MaskOperator.parse(operator);
    seal = op == MaskOperator.ENCRYPT;
    byte[] key = new byte[32];
    for (int i = 0; i < key.length; i++) {
      key[i] = (byte) (31 * i + 7);
    }
    masker = new Masker(new MaskingPolicy(new MaskingPolicy.Rules(op, Map.of()), Map.of()),
        new TenantPseudonyms(key), new Deanonymizer(key));
    PiiScanner scanner = new PiiScanner();
    int total = 0;
    for (int i = 0; i < TEXTS; i++) {
      prompts[i] = Prose.text(BYTES, Prose.Mix.MIXED, 300 + i);
      findings[i] = scanner.scan(prompts[i]);
      total += findings[i].size();
    }
    Benchmarks.require(total >= TEXTS, "the prompts must hold findings to mask (" + total + ")");
    String masked = masker.forPrompt(TENANT).mask(prompts[0], findings[0]);
    Benchmarks.require(!masked.equals(prompts[0]) || findings[0].isEmpty(), "the operator must change the text");
  }

  @Benchmark
  public Object mask() {
    int i = next++ & (TEXTS - 1);
    MaskingSession session = masker.forPrompt(TENANT);
    String masked = session.mask(prompts[i], findings[i]);
    return seal ? session.sealedVault("req-" + i) : masked;
  }
}
