package io.guardstream.inspect.pii;

import java.util.List;

/**
 * Stand-alone place names (cities, regions, countries outside a street address), found by the
 * trained OpenNLP name finder ({@link NameTagger}). A preposition of place before the name ("from",
 * "in", "to") raises the score; a lone word at the start of a sentence lowers it.
 */
public final class LocationRecognizer implements EntityRecognizer {

  public static final String TYPE = NameTagger.LOCATION;
  /** Below this the span is dropped; tuned on held-out templates of the development data. */
  static final double MIN_SCORE = 0.55;

  private static final ContextWords PLACE = ContextWords.onSameLine(
      "in", "from", "to", "at", "near", "of", "visit", "visited", "moved", "live", "lives", "based", "city");

  private final NameTagger tagger;

  public LocationRecognizer(NameTagger tagger) {
    this.tagger = tagger;
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public boolean mightMatch(TextProfile profile) {
    return profile.letters() >= 2;
  }

  @Override
  public void detect(String text, TextProfile profile, List<Candidate> out) {
    for (NameTagger.Name name : tagger.names(text, profile)) {
      boolean capitalised = profile.hasUpperCase();
      if (!TYPE.equals(name.type()) || (capitalised ? !NameShape.plausible(text, name.start(), name.end())
          : NameShape.commonWord(text, name.start(), name.end()))) {
        continue;
      }
      double score = 0.85 * name.probability();
      if (PLACE.before(text, name.start(), 8)) {
        score += 0.1;
      } else if (name.tokens() == 1 && name.lineStart()) {
        score *= 0.6;
      }
      score = Math.min(1.0, score);
      if (score >= MIN_SCORE && !tagger.insideAddress(text, profile, name.start(), name.end())) {
        int end = capitalised ? NameShape.trimEnd(text, name.start(), name.end()) : name.end();
        out.add(new Candidate(TYPE, name.start(), end, score));
      }
    }
  }
}
