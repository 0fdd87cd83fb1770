package io.guardstream.inspect;

import io.guardstream.inspect.masking.Masker;
import io.guardstream.inspect.masking.MaskingSession;
import io.guardstream.messages.ChatMessage;
import io.guardstream.messages.Inspection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Stage 5 as plain Java: masks PII in every message and scores injection in the messages an
 * attacker can write (user, tool results, retrieved documents). System and developer messages come
 * from the caller's own application and are masked but not scored as attacks. What a finding is
 * replaced with is the {@link Masker}'s policy for the request's tenant.
 */
public final class PromptInspector {

  /**
   * @param messages the prompts with PII masked
   * @param blocked the injection score reached the block threshold
   * @param user the request's end-user field (often an email) with its PII masked
   * @param vault the {@code encrypt} placeholders of this request, sealed for the response path to
   *     restore (see {@link io.guardstream.inspect.masking.Deanonymizer}), or null when nothing was encrypted
   */
  public record Result(List<ChatMessage> messages, Inspection inspection, boolean blocked, String user, String vault) {}

  private static final Set<String> TRUSTED_ROLES = Set.of("system", "developer", "assistant");

  private final PiiDetector pii;
  private final InjectionScorer injection;
  private final double flagThreshold;
  private final double blockThreshold;
  private final List<String> detectorIds;
  private final Masker masker;

  /** An inspector that masks every type with its tag. */
  public PromptInspector(PiiDetector pii, InjectionScorer injection, double flagThreshold, double blockThreshold) {
    this(pii, injection, flagThreshold, blockThreshold, Masker.tags());
  }

  public PromptInspector(PiiDetector pii, InjectionScorer injection, double flagThreshold, double blockThreshold,
      Masker masker) {
    this.masker = masker;
    this.pii = pii;
    this.injection = injection;
    this.flagThreshold = flagThreshold;
    this.blockThreshold = blockThreshold;
    this.detectorIds = List.of(pii.id(), injection.id());
  }

  public List<String> detectorIds() {
    return detectorIds;
  }

  /** Inspects with the global masking rules, as for a request without a tenant. */
  public Result inspect(List<ChatMessage> messages) {
    return inspect(messages, null, null, null);
  }

  /**
   * @param user the end-user field, or null
   * @param tenant the request's tenant (chooses its masking rules), or null
   * @param requestId binds the sealed vault to this request; null seals nothing
   */
  public Result inspect(List<ChatMessage> messages, String user, String tenant, String requestId) {
    return inspect(messages, user, tenant, requestId, flagThreshold, blockThreshold);
  }

  /** As {@link #inspect(List, String, String, String)}, with the injection thresholds of the request's tenant. */
  public Result inspect(List<ChatMessage> messages, String user, String tenant, String requestId, double flagThreshold,
      double blockThreshold) {
    MaskingSession session = masker.forPrompt(tenant);
    List<ChatMessage> masked = new ArrayList<>(messages.size());
    Map<String, Integer> piiCounts = new TreeMap<>();
    Set<String> categories = new TreeSet<>();
    double score = 0;
    for (ChatMessage message : messages) {
      String content = message.content() == null ? "" : message.content();
      if (!TRUSTED_ROLES.contains(message.role())) {
        InjectionVerdict verdict = injection.score(content);
        if (verdict.score() > score) {
          score = verdict.score();
        }
        if (verdict.score() >= flagThreshold) {
          categories.addAll(verdict.categories());
        }
      }
      List<PiiFinding> findings = pii.scan(content);
      for (PiiFinding f : findings) {
        piiCounts.merge(f.type(), 1, Integer::sum);
      }
      masked.add(findings.isEmpty() ? message : new ChatMessage(message.role(), session.mask(content, findings)));
    }
    var inspection = new Inspection(piiCounts, score, score >= flagThreshold, List.copyOf(categories));
    String maskedUser = user == null || user.isEmpty() ? user : session.mask(user, pii.scan(user));
    return new Result(masked, inspection, score >= blockThreshold, maskedUser,
        requestId == null ? null : session.sealedVault(requestId));
  }
}
