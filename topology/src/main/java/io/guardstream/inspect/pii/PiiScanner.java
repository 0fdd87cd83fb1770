package io.guardstream.inspect.pii;

import io.guardstream.inspect.PiiDetector;
import io.guardstream.inspect.PiiFinding;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Finds PII and secrets in one text by running every applicable recogniser and keeping the best
 * non-overlapping spans: higher score wins, then the longer span. Offsets in the result are
 * Unicode code points, as the scan contract and Python tooling count them.
 *
 * <p>Thread-safe: the recognisers are immutable and all per-call state is local.
 */
public final class PiiScanner implements PiiDetector {

  public static final String DETECTOR_ID = "pii";
  public static final int VERSION = 3;

  private static final Comparator<Candidate> BEST_FIRST = Comparator
      .comparingDouble(Candidate::score).reversed()
      .thenComparing(Comparator.comparingInt(Candidate::length).reversed())
      .thenComparingInt(Candidate::start);

  private final EntityRecognizer[] recognizers;

  /** A scanner with every built-in recogniser; loads their assets once. */
  public PiiScanner() {
    this(RecognizerRegistry.defaults());
  }

  public PiiScanner(RecognizerRegistry registry) {
    this.recognizers = registry.recognizers().toArray(new EntityRecognizer[0]);
  }

  @Override
  public String id() {
    return DETECTOR_ID + "@" + VERSION;
  }

  @Override
  public List<PiiFinding> scan(String text) {
    if (text == null || text.isEmpty()) {
      return List.of();
    }
    TextProfile profile = TextProfile.of(text);
    List<Candidate> candidates = new ArrayList<>();
    for (EntityRecognizer recognizer : recognizers) {
      if (recognizer.mightMatch(profile)) {
        recognizer.detect(text, profile, candidates);
      }
    }
    if (candidates.isEmpty()) {
      return List.of();
    }
    return toCodePoints(text, profile, resolveOverlaps(candidates));
  }

  /** Greedy choice, best first: a span is kept when it overlaps nothing kept before it. */
  static List<Candidate> resolveOverlaps(List<Candidate> candidates) {
    if (candidates.size() == 1) {
      return candidates;
    }
    candidates.sort(BEST_FIRST);
    List<Candidate> kept = new ArrayList<>(candidates.size());
    for (Candidate c : candidates) {
      boolean free = true;
      for (Candidate k : kept) {
        if (k.overlaps(c)) {
          free = false;
          break;
        }
      }
      if (free) {
        kept.add(c);
      }
    }
    kept.sort(Comparator.comparingInt(Candidate::start));
    return kept;
  }

  private static List<PiiFinding> toCodePoints(String text, TextProfile profile, List<Candidate> spans) {
    List<PiiFinding> findings = new ArrayList<>(spans.size());
    if (!profile.hasSurrogates()) {
      for (Candidate c : spans) {
        findings.add(new PiiFinding(c.type(), c.start(), c.end(), c.score()));
      }
      return List.copyOf(findings);
    }
    int charPos = 0;
    int codePoints = 0;
    for (Candidate c : spans) {
      codePoints += Character.codePointCount(text, charPos, c.start());
      int start = codePoints;
      codePoints += Character.codePointCount(text, c.start(), c.end());
      charPos = c.end();
      findings.add(new PiiFinding(c.type(), start, codePoints, c.score()));
    }
    return List.copyOf(findings);
  }
}
