package io.guardstream.respond;

import io.guardstream.inspect.PiiDetector;
import io.guardstream.inspect.PiiFinding;
import io.guardstream.inspect.masking.Masker;
import java.security.GeneralSecurityException;
import io.guardstream.inspect.injection.CanaryToken;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Filters a worker's answer before the caller sees it: PII and secrets are masked with the
 * {@link Masker}'s operator for the request's tenant. {@code encrypt} writes the type tag here: an
 * answer is never restored, so a placeholder could only lead back to the value. After masking, the
 * placeholders that the request's own prompt got from {@code encrypt} are restored to the caller's
 * values, which only the caller sees: the audit event counts findings and never holds content.
 * An answer that repeats its request's canary token (the system prompt leaked) is to be blocked.
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
  private final Masker masker;
  private final CanaryToken canary; // null: canaries off

  /** A filter that masks every type with its tag. */
  public OutputFilter(PiiDetector pii) {
    this(pii, Masker.tags(), null);
  }

  /** @param canary the per-request canary checker, or null when canaries are off */
  public OutputFilter(PiiDetector pii, Masker masker, CanaryToken canary) {
    this.pii = pii;
    this.masker = masker;
    this.canary = canary;
  }

  public Filtered filter(String answer) {
    return filter(answer, null);
  }

  /** @param tenant the request's tenant (chooses its masking rules), or null */
  public Filtered filter(String answer, String tenant) {
    return filter(answer, tenant, null, null);
  }

  /**
   * @param vault the request's sealed placeholders ({@code RequestContext.maskVault}), or null
   * @param requestId the id the vault was sealed for
   */
  public Filtered filter(String answer, String tenant, String vault, String requestId) {
    if (canary != null && requestId != null && answer != null && canary.leakedIn(requestId, answer)) {
      return new Filtered("", Map.of(), true);
    }
    Filtered filtered = mask(answer, tenant);
    if (vault == null || masker.vault() == null) {
      return filtered;
    }
    try {
      return new Filtered(masker.vault().restore(filtered.content(), vault, requestId), filtered.piiCounts());
    } catch (GeneralSecurityException e) {
      // a rotated key or a damaged record: the caller gets the placeholders, never someone else's values
      return filtered;
    }
  }

  private Filtered mask(String answer, String tenant) {
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
