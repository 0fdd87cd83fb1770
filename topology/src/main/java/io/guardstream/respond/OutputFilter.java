package io.guardstream.respond;

import io.guardstream.inspect.PiiDetector;
import io.guardstream.inspect.PiiFinding;
import io.guardstream.inspect.masking.Masker;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Filters a worker's answer before the caller sees it: PII and secrets are masked with the
 * {@link Masker}'s operator for the request's tenant. {@code encrypt} writes the type tag here: an
 * answer is never restored, so a placeholder could only lead back to the value.
 */
public final class OutputFilter {

  /** @param piiCounts masked findings by type (values never leave this class) */
  public record Filtered(String content, Map<String, Integer> piiCounts) {}

  private final PiiDetector pii;
  private final Masker masker;

  /** A filter that masks every type with its tag. */
  public OutputFilter(PiiDetector pii) {
    this(pii, Masker.tags());
  }

  public OutputFilter(PiiDetector pii, Masker masker) {
    this.pii = pii;
    this.masker = masker;
  }

  public Filtered filter(String answer) {
    return filter(answer, null);
  }

  /** @param tenant the request's tenant (chooses its masking rules), or null */
  public Filtered filter(String answer, String tenant) {
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
    return new Filtered(masker.irreversible(tenant).mask(answer, findings), counts);
  }
}
