package io.guardstream.inspect.pii;

import java.util.List;

/**
 * Person names, found by the trained OpenNLP name finder ({@link NameTagger}) and scored with
 * cheap context: an honorific or a self-introduction before the name raises the score; a lone
 * capitalised word at the start of a sentence ("Kafka is...", "Write a poem") or a short acronym
 * lowers it or is dropped, since that is where a capitalisation-driven model errs on ordinary
 * prompts.
 */
public final class PersonRecognizer implements EntityRecognizer {

  public static final String TYPE = NameTagger.PERSON;
  /**
   * Below this the span is dropped. Spans from here up to the pipeline's {@code inspect.pii.min.score}
   * (0.5) are reported by {@code scan} but not masked: mostly lone first names without context.
   */
  static final double MIN_SCORE = 0.35;

  private static final ContextWords HONORIFIC = ContextWords.onSameLine(
      "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "madam", "dear", "mister");
  private static final ContextWords INTRODUCTION = ContextWords.onSameLine(
      "name", "named", "called", "am", "i'm", "signed", "regards", "sincerely", "thanks", "from", "by",
      "with", "contact", "ask", "tell", "meet", "customer", "patient", "employee");

  private final NameTagger tagger;

  public PersonRecognizer(NameTagger tagger) {
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
      if (!TYPE.equals(name.type())) {
        continue;
      }
      boolean capitalised = profile.hasUpperCase();
      double score = score(text, name, capitalised);
      if (score < MIN_SCORE) {
        continue;
      }
      int end = capitalised ? NameShape.trimEnd(text, name.start(), name.end()) : name.end();
      int extended = NameShape.extendOverSurname(text, end);
      if (extended > end && !tagger.insideAddress(text, profile, name.start(), extended)) {
        end = extended;
      }
      int start = NameShape.extendOverHonorific(text, name.start());
      if (!tagger.insideAddress(text, profile, start, end)) {
        out.add(new Candidate(TYPE, start, end, score));
      }
    }
  }

  static double score(String text, NameTagger.Name name) {
    return score(text, name, true);
  }

  /** With {@code capitalised} false the text has no capitals at all, so none is asked of a name. */
  static double score(String text, NameTagger.Name name, boolean capitalised) {
    if (capitalised ? !NameShape.plausible(text, name.start(), name.end()) : NameShape.commonWord(text, name.start(), name.end())) {
      return 0.0;
    }
    double score = 0.85 * name.probability();
    if (HONORIFIC.before(text, name.start(), 6)) {
      score += 0.2;
    } else if (INTRODUCTION.before(text, name.start(), 12)) {
      score += 0.1;
    } else if (name.tokens() == 1 && name.lineStart()) {
      score *= 0.7;
    }
    if (name.tokens() > 1) {
      score += 0.05;
    }
    if (afterPossessive(text, name.start())) {
      score *= 0.5; // "Bulgakov's Cautionary Tales": what follows a possessive is owned, not a person
    }
    return Math.min(1.0, score);
  }

  private static boolean afterPossessive(String text, int start) {
    if (start < 3 || text.charAt(start - 1) != ' ') {
      return false;
    }
    char s = text.charAt(start - 2);
    char apostrophe = text.charAt(start - 3);
    return (s == 's' || s == 'S') && (apostrophe == '\'' || apostrophe == '\u2019');
  }
}
