package io.guardstream.inspect.pii;

import java.util.List;
import java.util.Set;

/**
 * Organisation names: capitalised word sequences with evidence of an organisation, never bare
 * capitalised words (every heading and product name would be one). The evidence, strongest first:
 * a legal form at the end ("Acme Widgets Inc."), an institution's head ("Deutsche Bank",
 * "Department of Labor"), a sector word after a name that is not plain English ("Zentrix Software"),
 * a law-firm list of surnames ("Jones, Mitchell and Williams"), or a cue before the name
 * ("works at Flightstats", "employed by IBM"). All-capitals acronyms count only after a cue.
 *
 * <p>A person or a place wins a conflict: a first name before an institution or sector word
 * ("Maria Bank") is left to the person recogniser, and no organisation here scores above 0.85,
 * below what the name finder gives a clear person or place, so the scanner keeps theirs on overlap.
 * Weak evidence scores under the pipeline's masking threshold (0.5): reported by {@code scan}, not
 * masked.
 */
public final class OrganizationRecognizer implements EntityRecognizer {

  public static final String TYPE = "ORGANIZATION";

  static final double LEGAL_FORM = 0.85;
  /** A legal form after plain English words only ("General Motors Corp"): still a company, less sure. */
  static final double LEGAL_FORM_AFTER_ENGLISH = 0.75;
  static final double INSTITUTION = 0.75;
  static final double SURNAME_LIST = 0.7;
  static final double SECTOR = 0.65;
  static final double STRONG_CUE = 0.7;
  /** Plain-English words before a head, with a cue ("joined Research Group"), or "joined X": not masked. */
  static final double WEAK = 0.45;
  /** A lone hyphenated pair of surnames ("Weber-Santana"): a firm as often as a person. */
  static final double HYPHENATED_SURNAMES = 0.4;

  /** The longest name walked back from its head or forward from a cue, in words. */
  private static final int MAX_WORDS = 5;

  private static final Set<String> EMPLOYMENT_VERBS = Set.of(
      "work", "works", "working", "worked", "employed", "intern", "interned", "interning");
  private static final Set<String> ORGANIZATION_NOUNS = Set.of(
      "company", "firm", "employer", "startup", "corporation", "organisation", "organization", "client",
      "vendor", "supplier", "agency");

  private final NameLexicon lexicon = NameLexicon.instance();

  @Override
  public String type() {
    return TYPE;
  }

  /** Every piece of evidence needs a capital letter, so text in lower case only is skipped. */
  @Override
  public boolean mightMatch(TextProfile profile) {
    return profile.hasUpperCase() && profile.letters() >= 3;
  }

  @Override
  public void detect(String text, TextProfile profile, List<Candidate> out) {
    WordTokens w = profile.words();
    int consumed = 0; // first token not yet inside a name emitted here
    for (int t = 0; t < w.size; t++) {
      if (t < consumed || !w.capitalised(t)) {
        continue;
      }
      int next = -1;
      if (OrganizationWords.mayBeHead(text, w.start[t], w.end[t])) {
        String lower = w.lower(t);
        next = headedBy(w, t, OrganizationWords.head(lower, w.allUpper(t)), lower, text, out);
      }
      if (next < 0) {
        next = cued(w, t, text, out);
      }
      if (next < 0) {
        next = surnames(w, t, out);
      }
      consumed = Math.max(consumed, next);
    }
  }

  /** A name ending at head word t, or "Head of Name" starting at t; the token after it, or -1. */
  private int headedBy(WordTokens w, int t, int head, String lower, String text, List<Candidate> out) {
    boolean ofForm = OrganizationWords.headBeforeOf(lower) && w.spaceBetween(t) && "of".equals(wordAt(w, t + 1))
        && w.spaceBetween(t + 1) && w.capitalised(t + 2) && !w.allUpper(t + 2);
    if (head == OrganizationWords.NONE && !ofForm) {
      return -1;
    }
    if (!ofForm && w.spaceBetween(t) && w.capitalised(t + 1) && OrganizationWords.mayBeHead(text, w.start[t + 1], w.end[t + 1])
        && OrganizationWords.head(w.lower(t + 1), w.allUpper(t + 1)) != OrganizationWords.NONE) {
      return -1; // "Acme Holdings Ltd": the later head takes the whole name
    }
    int start = nameStart(w, t, head == OrganizationWords.LEGAL_FORM);
    if (start < t - 1 && sentenceStart(w, start) && plainEnglish(text, w, start, start + 1)
        && !plainEnglish(text, w, start + 1, start + 2)) {
      start++; // "Therefore Eurostar Ltd": capitalised for the sentence, unlike "General Motors"
    }
    int last = ofForm ? nameEnd(w, t + 2) : t;
    if (start == t && !ofForm) {
      return -1; // a head alone ("the Company", "Bank") names nothing
    }
    double score;
    if (ofForm) {
      score = INSTITUTION;
    } else {
      boolean plainEnglish = plainEnglish(text, w, start, t);
      boolean cue = cueBefore(w, start) > 0;
      if (head == OrganizationWords.LEGAL_FORM) {
        score = plainEnglish ? LEGAL_FORM_AFTER_ENGLISH : LEGAL_FORM;
      } else if (personLike(w, start, t)) {
        return -1; // "Maria Bank": the person recogniser's to judge
      } else if (plainEnglish) {
        if (!cue) {
          return -1; // "Operating Systems", "Focus Group": headings, not names
        }
        score = WEAK;
      } else {
        score = head == OrganizationWords.INSTITUTION ? INSTITUTION : SECTOR;
      }
    }
    int end = w.end[last];
    if (!ofForm && w.dotAfter(last) && OrganizationWords.abbreviation(lower)) {
      end++;
    }
    out.add(new Candidate(TYPE, w.start[start], end, score));
    return last + 1;
  }

  /** A capitalised name right after an organisation cue ("works at Flightstats"); the token after it, or -1. */
  private int cued(WordTokens w, int t, String text, List<Candidate> out) {
    int strength = cueBefore(w, t);
    if (strength == 0) {
      return -1;
    }
    int last = w.allUpper(t) ? t : nameEnd(w, t);
    if (w.allUpper(t) && (w.length(t) < 2 || w.length(t) > 6)) {
      return -1;
    }
    if ((w.allUpper(t) || strength != EMPLOYMENT_CUE) && plainEnglish(text, w, t, last + 1)) {
      return -1; // "the company POLICY": a shouted word, not an acronym; "the firm Decision": a noun
    }
    for (int i = t; i <= last; i++) {
      int flags = lexicon.flags(text, w.start[i], w.end[i]);
      if ((flags & (NameLexicon.FIRST_NAME | NameLexicon.PLACE)) != 0 || NameShape.commonWord(text, w.start[i], w.end[i])) {
        return -1; // "works with Sarah", "joined Paris": a person or place wins
      }
    }
    out.add(new Candidate(TYPE, w.start[t], w.end[last], strength == JOINED_CUE ? WEAK : STRONG_CUE));
    return last + 1;
  }

  /** "Jones, Mitchell and Williams" or a lone "Weber-Santana": surnames as a firm's name. */
  private int surnames(WordTokens w, int t, List<Candidate> out) {
    if (surname(w, t) && w.is(t + 1, WordTokens.COMMA) && surname(w, t + 2) && and(w, t + 3) && surname(w, t + 4)
        && !allFirstNames(w, t, t + 2, t + 4)) {
      out.add(new Candidate(TYPE, w.start[t], w.end[t + 4], SURNAME_LIST));
      return t + 5;
    }
    String text = w.text;
    int hyphen = w.start[t] + 1;
    while (hyphen < w.end[t] && text.charAt(hyphen) != '-') {
      hyphen++; // within the word only: indexOf would scan the rest of the text for every capital
    }
    if (hyphen < w.end[t] - 1 && !w.capitalised(t - 1) && !w.capitalised(t + 1)
        && Character.isUpperCase(text.charAt(hyphen + 1))
        && (lexicon.flags(text, w.start[t], hyphen) & NameLexicon.SURNAME) != 0
        && (lexicon.flags(text, hyphen + 1, w.end[t]) & NameLexicon.SURNAME) != 0) {
      out.add(new Candidate(TYPE, w.start[t], w.end[t], HYPHENATED_SURNAMES));
      return t + 1;
    }
    return -1;
  }

  private boolean surname(WordTokens w, int t) {
    return w.capitalised(t) && !w.allUpper(t) && (lexicon.flags(w.text, w.start[t], w.end[t]) & NameLexicon.SURNAME) != 0;
  }

  /** "Anna, Maria and John" lists people; a firm's list has at least one word that is only a surname. */
  private boolean allFirstNames(WordTokens w, int... tokens) {
    for (int t : tokens) {
      if ((lexicon.flags(w.text, w.start[t], w.end[t]) & NameLexicon.FIRST_NAME) == 0) {
        return false;
      }
    }
    return true;
  }

  private static boolean and(WordTokens w, int t) {
    return "and".equals(wordAt(w, t)) || w.punct(t) == '&';
  }

  private static final int EMPLOYMENT_CUE = 3;
  private static final int NOUN_CUE = 2;
  private static final int JOINED_CUE = 1;

  /**
   * Which cue precedes token t ("works at", "employed by"; "the firm"; "joined"), or 0. An article
   * between cue and name is skipped ("joined the", "at the").
   */
  private static int cueBefore(WordTokens w, int t) {
    int c = t - 1;
    if ("the".equals(wordAt(w, c))) {
      c--;
    }
    if (w.punct(c) == ':') {
      c--; // "Employer: Acme"
    }
    String before = wordAt(w, c);
    if (before == null) {
      return 0;
    }
    if (ORGANIZATION_NOUNS.contains(before)) {
      return NOUN_CUE;
    }
    if ("at".equals(before) || "for".equals(before) || "by".equals(before)) {
      String verb = wordAt(w, c - 1);
      return verb != null && EMPLOYMENT_VERBS.contains(verb) ? EMPLOYMENT_CUE : 0;
    }
    return "joined".equals(before) ? JOINED_CUE : 0;
  }

  /** The lower-case word at token t, or null when t is not a lower-case word. */
  private static String wordAt(WordTokens w, int t) {
    return w.is(t, WordTokens.WORD) && !w.capitalised(t) ? w.lower(t) : null;
  }

  /** The first token of the name ending before head t: capitalised words, "&" between them, "Acme, Inc.". */
  private static int nameStart(WordTokens w, int t, boolean legalForm) {
    int s = t;
    if (legalForm && w.is(t - 1, WordTokens.COMMA) && nameWord(w, t - 2)) {
      s = t - 2; // "Acme, Inc."
    }
    for (int words = 0; words < MAX_WORDS; words++) {
      if (nameWord(w, s - 1) && w.spaceBetween(s - 1)) {
        s--;
      } else if (w.punct(s - 1) == '&' && nameWord(w, s - 2)) {
        s -= 2;
      } else {
        break;
      }
    }
    return s;
  }

  /** The last token of a capitalised name starting at t, over "and", "of", "&" between capitalised words. */
  private static int nameEnd(WordTokens w, int t) {
    int e = t;
    for (int words = 1; words < MAX_WORDS; words++) {
      if (w.spaceBetween(e) && w.capitalised(e + 1) && !OrganizationWords.notPartOfName(w.lower(e + 1))) {
        e++;
      } else if ((w.punct(e + 1) == '&' || "and".equals(wordAt(w, e + 1)) || "of".equals(wordAt(w, e + 1)))
          && w.capitalised(e + 2) && w.spaceBetween(e + 1)) {
        e += 2;
      } else {
        break;
      }
    }
    return e;
  }

  private static boolean sentenceStart(WordTokens w, int t) {
    return t == 0 || w.is(t - 1, WordTokens.NEWLINE) || w.punct(t - 1) == '.' || w.punct(t - 1) == '!'
        || w.punct(t - 1) == '?' || w.punct(t - 1) == ':';
  }

  private static boolean nameWord(WordTokens w, int t) {
    return w.capitalised(t) && !OrganizationWords.notPartOfName(w.lower(t))
        && !NameShape.commonWord(w.text, w.start[t], w.end[t]);
  }

  /** True when every word from start to head (exclusive) is a plain dictionary word: a heading, not a name. */
  private boolean plainEnglish(String text, WordTokens w, int start, int head) {
    for (int i = start; i < head; i++) {
      if (w.is(i, WordTokens.WORD) && !NameCues.isPlainWord(lexicon.flags(text, w.start[i], w.end[i]))) {
        return false;
      }
    }
    return true;
  }

  /** A first name, alone or with one more name word: "Maria", "Maria Lopez". */
  private boolean personLike(WordTokens w, int start, int head) {
    String text = w.text;
    if ((lexicon.flags(text, w.start[start], w.end[start]) & NameLexicon.FIRST_NAME) == 0) {
      return false;
    }
    return head - start == 1 || head - start == 2
        && (lexicon.flags(text, w.start[start + 1], w.end[start + 1]) & (NameLexicon.SURNAME | NameLexicon.FIRST_NAME)) != 0;
  }
}
