package io.guardstream.inspect;

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
 * from the caller's own application and are masked but not scored as attacks.
 */
public final class PromptInspector {

  /**
   * @param messages the prompts with PII replaced by type tags
   * @param blocked the injection score reached the block threshold
   */
  public record Result(List<ChatMessage> messages, Inspection inspection, boolean blocked) {}

  private static final Set<String> TRUSTED_ROLES = Set.of("system", "developer", "assistant");

  private final PiiDetector pii;
  private final InjectionScorer injection;
  private final double flagThreshold;
  private final double blockThreshold;
  private final List<String> detectorIds;

  public PromptInspector(PiiDetector pii, InjectionScorer injection, double flagThreshold, double blockThreshold) {
    this.pii = pii;
    this.injection = injection;
    this.flagThreshold = flagThreshold;
    this.blockThreshold = blockThreshold;
    this.detectorIds = List.of(pii.id(), injection.id());
  }

  public List<String> detectorIds() {
    return detectorIds;
  }

  /** A free-text field (such as the end-user id, often an email) with its PII masked. */
  public String mask(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    return Masking.mask(text, pii.scan(text));
  }

  public Result inspect(List<ChatMessage> messages) {
    return inspect(messages, flagThreshold, blockThreshold);
  }

  /** As {@link #inspect(List)}, with the thresholds of the request's tenant. */
  public Result inspect(List<ChatMessage> messages, double flagThreshold, double blockThreshold) {
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
      masked.add(findings.isEmpty() ? message : new ChatMessage(message.role(), Masking.mask(content, findings)));
    }
    var inspection = new Inspection(piiCounts, score, score >= flagThreshold, List.copyOf(categories));
    return new Result(masked, inspection, score >= blockThreshold);
  }
}
