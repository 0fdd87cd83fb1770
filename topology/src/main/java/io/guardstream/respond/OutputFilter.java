package io.guardstream.respond;

import io.guardstream.inspect.Masking;
import io.guardstream.inspect.PiiDetector;
import io.guardstream.inspect.PiiFinding;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Filters a worker's answer before the caller sees it: PII and secrets are masked by type. */
public final class OutputFilter {

  /** @param piiCounts masked findings by type (values never leave this class) */
  public record Filtered(String content, Map<String, Integer> piiCounts) {}

  private final PiiDetector pii;

  public OutputFilter(PiiDetector pii) {
    this.pii = pii;
  }

  public Filtered filter(String answer) {
    if (answer == null || answer.isEmpty()) {
      return new Filtered(answer == null ? "" : answer, Map.of());
    }
    List<PiiFinding> findings = pii.scan(answer);
    if (findings.isEmpty()) {
      return new Filtered(answer, Map.of());
    }
    Map<String, Integer> counts = new TreeMap<>();
    for (PiiFinding f : findings) {
      counts.merge(f.type(), 1, Integer::sum);
    }
    return new Filtered(Masking.mask(answer, findings), counts);
  }
}
