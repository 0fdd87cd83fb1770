package io.guardstream.inspect.pii;

/**
 * A span a recogniser proposes, in Java char offsets (end exclusive). The scanner resolves
 * overlaps between candidates and converts the survivors to code point offsets.
 */
public record Candidate(String type, int start, int end, double score) {

  public Candidate {
    if (start < 0 || end <= start) {
      throw new IllegalArgumentException("bad span " + start + ".." + end);
    }
    if (score < 0.0 || score > 1.0) {
      throw new IllegalArgumentException("score out of 0..1: " + score);
    }
  }

  public int length() {
    return end - start;
  }

  public boolean overlaps(Candidate other) {
    return start < other.end && other.start < end;
  }
}
