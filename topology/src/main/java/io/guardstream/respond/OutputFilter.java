package io.guardstream.respond;

import io.guardstream.inspect.Masking;
import io.guardstream.inspect.PiiDetector;
import io.guardstream.inspect.PiiFinding;
import io.guardstream.inspect.injection.CanaryToken;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Filters a worker's answer before the caller sees it: PII and secrets are masked by type, and an
 * answer that repeats its request's canary token (the system prompt leaked) is to be blocked.
 */
public final class OutputFilter {

  /**
   * @param piiCounts masked findings by type (values never leave this class)
   * @param systemPromptLeak the answer carries its request's canary token; block it
   */
  public record Filtered(String content, Map<String, Integer> piiCounts, boolean systemPromptLeak) {
    Filtered(String content, Map<String, Integer> piiCounts) {
      this(content, piiCounts, false);
    }
  }

  private final PiiDetector pii;
  private final CanaryToken canary; // null: canaries off

  public OutputFilter(PiiDetector pii) {
    this(pii, null);
  }

  public OutputFilter(PiiDetector pii, CanaryToken canary) {
    this.pii = pii;
    this.canary = canary;
  }

  /** As {@link #filter(String)}, and checks the answer for the canary of {@code requestId}. */
  public Filtered filter(String requestId, String answer) {
    if (canary != null && canary.leakedIn(requestId, answer)) {
      return new Filtered("", Map.of(), true);
    }
    return filter(answer);
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
