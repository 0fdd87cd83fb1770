package io.guardstream.inspect.pii;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Names found without the model, from what any English sentence shows whatever its template: a
 * run of capitalised words after an honorific or a self-introduction ("Mr. Gordon Trpinc", "my name
 * is Omar Reynisson"), a known first name followed by a capitalised word ("Madison Boyes"), and a
 * known place, more surely after a preposition of place ("travelling to Sweden", "grew up in
 * HELSINKI"). Their spans join the model's; the scanner keeps the best of overlapping ones.
 *
 * <p>Stateless and thread-safe; nothing is allocated for a line without capitalised words.
 */
final class NameCues {

  /** Honorifics, lower-cased; the dot after an abbreviated one is its own token. */
  private static final Set<String> HONORIFICS = Set.of(
      "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "madam", "mister", "dame", "lady", "lord");
  /** Words that end a self-introduction: "my name is", "I'm", "called", "named", "signed". */
  private static final Set<String> INTRODUCTIONS = Set.of("is", "named", "called", "i'm", "am", "signed", "regards");
  /** Greetings a name follows: "Hi David", "Dear Ms Novak" is an honorific. */
  private static final Set<String> GREETINGS = Set.of("hi", "hello", "hey", "dear", "thanks", "thank");
  /** Verbs a lone person's name follows ("said Jordan"), where a place seldom does. */
  private static final Set<String> PERSON_VERBS = Set.of(
      "said", "says", "asked", "asks", "told", "tell", "ask", "meet", "met", "thank", "call", "email", "cc", "contact");
  /** Prepositions and verbs a place follows. */
  private static final Set<String> PLACE_CUES = Set.of(
      "in", "from", "to", "at", "near", "of", "visit", "visited", "visiting", "around", "across", "throughout");
  /** Lower-case words inside a name ("Maika van de Noort", "Leonardo da Vinci"). */
  private static final Set<String> PARTICLES = Set.of(
      "van", "de", "der", "den", "von", "da", "di", "del", "della", "la", "le", "du", "dos", "das", "bin", "al", "ter", "ten");
  private static final int MAX_RUN = 5;
  /** The lengths of the shortest and longest {@link #PARTICLES}. */
  private static final int MIN_PARTICLE = 2;
  private static final int MAX_PARTICLE = 5;

  /** Cue names at least this sure need no model: see NameTagger#needsModel. */
  static final double CONFIDENT = 0.8;
  static final double HONORIFIC_NAME = 0.95;
  static final double INTRODUCED_NAME = 0.85;
  static final double FIRST_AND_LAST = 0.8;
  /** Two or more capitalised words, one of them a known name: "Delvis J Carvajal". */
  static final double NAMES = 0.7;
  /** One known name, not opening a sentence: "said Gladys to Logan". */
  static final double LONE_NAME = 0.7;
  /** A capitalised word in a list with a person. */
  static final double LISTED_NAME = 0.75;
  static final double PLACE_AFTER_CUE = 0.9;
  static final double KNOWN_PLACE = 0.7;

  private final NameLexicon lexicon;

  NameCues(NameLexicon lexicon) {
    this.lexicon = lexicon;
  }

  /** Adds the names the cues find in one line to {@code out}. */
  void find(NameTokens.Line line, List<NameTagger.Name> out) {
    int size = line.size();
    int t = 0;
    while (t < size) {
      if (!startsName(line, t)) {
        t++;
        continue;
      }
      int end = runEnd(line, t);
      judge(line, t, end, out);
      t = end;
    }
  }

  /**
   * Names in a text written all in lower case ("my name is mark pinto", "i'm from burkina faso"),
   * where no capital marks them: only after a cue, or a known first name that is no dictionary
   * word followed by a surname or an unknown word ("melissa pirogova"), or a known place after a
   * preposition of place.
   */
  void findLowerCase(NameTokens.Line line, List<NameTagger.Name> out) {
    int size = line.size();
    int t = 0;
    while (t < size) {
      if (line.length(t) < 2 || !Character.isLowerCase(line.first(t))) {
        t++;
        continue;
      }
      int before = t - 1;
      if (before > 0 && line.length(before) == 1 && line.first(before) == '.') {
        before--;
      }
      String cue = before >= 0 ? lower(line, before) : "";
      if (PLACE_CUES.contains(cue)) {
        int placeEnd = placeEnd(line, t, Math.min(size, t + NameLexicon.MAX_PLACE_WORDS));
        if (placeEnd > t + 1 || placeEnd > t && (flags(line, t) & NameLexicon.ENGLISH) == 0) {
          add(out, NameTagger.LOCATION, line, t, placeEnd, PLACE_AFTER_CUE, false);
          t = placeEnd;
          continue;
        }
      }
      boolean cued = HONORIFICS.contains(cue) || INTRODUCTIONS.contains(cue) && (cue.length() > 2 || isMyName(line, before));
      int end = t;
      while (end < size && end - t < 3 && line.length(end) > 1 && Character.isLowerCase(line.first(end))
          && (cued ? isNameUnderCue(flags(line, end)) : isRareName(line, end))) {
        end++;
      }
      if (end > t && cued) {
        add(out, NameTagger.PERSON, line, t, end, INTRODUCED_NAME, false);
        t = end;
      } else if (end - t >= 2 && (flags(line, t) & NameLexicon.FIRST_NAME) != 0) {
        add(out, NameTagger.PERSON, line, t, end, FIRST_AND_LAST, false);
        t = end;
      } else {
        t++;
      }
    }
  }

  /** After "my name is" or "mr": any known name, or a word no list holds. */
  private static boolean isNameUnderCue(int flags) {
    int lists = flags & ~NameLexicon.PLACE_PHRASE_START;
    return (lists & (NameLexicon.FIRST_NAME | NameLexicon.SURNAME)) != 0 || lists == 0;
  }

  /** Without a cue: a known name that is no dictionary word, or a word of three letters or more no list holds. */
  private static boolean isRareName(NameTokens.Line line, int t) {
    int lists = flags(line, t) & ~NameLexicon.PLACE_PHRASE_START;
    return lists == 0 ? line.length(t) >= 3 : isNameLike(lists) && (lists & NameLexicon.ENGLISH) == 0;
  }

  /**
   * A capitalised word listed with a person is a person too: "Usamov and Bowers", "Brabec, Doyle
   * and Gonzalez", where "Bowers" alone would be a dictionary word.
   */
  void coordinate(NameTokens.Line line, List<NameTagger.Name> out, int lineFrom) {
    int found = out.size();
    for (int n = lineFrom; n < found; n++) {
      NameTagger.Name name = out.get(n);
      if (!NameTagger.PERSON.equals(name.type()) || name.tokens() != 1) {
        continue;
      }
      int t = tokenAt(line, name.start());
      for (int step = -1; step <= 1; step += 2) {
        int link = t + step;
        int other = t + 2 * step;
        if (t >= 0 && other >= 0 && other < line.size() && isListed(line, link) && NameTagger.isTitleCase(line, other)
            && !isPlainWord(flags(line, other)) && !covered(out, line.start()[other])) {
          add(out, NameTagger.PERSON, line, other, other + 1, LISTED_NAME, false);
        }
      }
    }
  }

  private static int tokenAt(NameTokens.Line line, int start) {
    for (int t = 0; t < line.size(); t++) {
      if (line.start()[t] == start) {
        return t;
      }
    }
    return -1;
  }

  private static boolean covered(List<NameTagger.Name> names, int offset) {
    for (NameTagger.Name n : names) {
      if (n.start() <= offset && offset < n.end()) {
        return true;
      }
    }
    return false;
  }

  private void judge(NameTokens.Line line, int from, int to, List<NameTagger.Name> out) {
    // greetings and other plain words around a name are not part of it ("Hi David", "David You")
    while (to - from > 1 && isPlainWord(flags(line, from))) {
      from++;
    }
    while (to - from > 1 && isPlainWord(flags(line, to - 1))) {
      if (isProductWord(flags(line, to - 1))) {
        return; // "Kafka Streams", "Google Cloud": a name followed by a noun names a thing
      }
      to--;
    }
    int firstFlags = flags(line, from);
    if (to - from == 1 && isPlainWord(firstFlags)) {
      return; // "Please", "Thanks"
    }
    int before = from - 1;
    if (before > 0 && line.length(before) == 1 && line.first(before) == '.') {
      before--; // "Dr." is "Dr" and "."
    }
    String cue = before >= 0 ? lower(line, before) : "";
    boolean lineStart = from == 0 || NameTagger.isSentenceEnd(line, from - 1);
    int placeEnd = placeEnd(line, from, to);
    boolean placeCue = PLACE_CUES.contains(cue);
    if (placeEnd > from && (placeCue || placeEnd - from > 1)) {
      add(out, NameTagger.LOCATION, line, from, placeEnd, placeCue ? PLACE_AFTER_CUE : KNOWN_PLACE, lineStart);
      return;
    }
    if (HONORIFICS.contains(cue)) {
      add(out, NameTagger.PERSON, line, from, to, HONORIFIC_NAME, false);
      return;
    }
    boolean common = (firstFlags & NameLexicon.COMMON) != 0;
    if ((GREETINGS.contains(cue) || INTRODUCTIONS.contains(cue) && (cue.length() > 2 || isMyName(line, before)))
        && !common) {
      add(out, NameTagger.PERSON, line, from, to, INTRODUCED_NAME, false);
      return;
    }
    if (to - from >= 2) {
      int lastFlags = flags(line, to - 1);
      boolean surname = (lastFlags & NameLexicon.SURNAME) != 0 || (lastFlags & NameLexicon.ENGLISH) == 0;
      if ((firstFlags & NameLexicon.FIRST_NAME) != 0 && !common && surname && (lastFlags & NameLexicon.COMMON) == 0) {
        add(out, NameTagger.PERSON, line, from, to, FIRST_AND_LAST, lineStart);
      } else if (hasRareName(line, from, to) && surname) {
        add(out, NameTagger.PERSON, line, from, to, NAMES, lineStart);
      }
      return;
    }
    if (PERSON_VERBS.contains(cue) && isNameLike(firstFlags)) {
      add(out, NameTagger.PERSON, line, from, to, LONE_NAME, lineStart);
    } else if (isPlaceOnly(firstFlags) || isKnownPlace(firstFlags)) {
      // a lone word known both as a place and as a name is taken for the place ("the capital of France")
      add(out, NameTagger.LOCATION, line, from, to, KNOWN_PLACE, lineStart);
    } else if (isNameLike(firstFlags) && (firstFlags & NameLexicon.ENGLISH) == 0
        && (!lineStart || isListed(line, to) || (firstFlags & NameLexicon.FIRST_NAME) != 0)) {
      add(out, NameTagger.PERSON, line, from, to, LONE_NAME, lineStart);
    }
  }

  /** A word that is only an ordinary word: on a word list and on no name or place list. */
  static boolean isPlainWord(int flags) {
    return (flags & (NameLexicon.COMMON | NameLexicon.ENGLISH)) != 0
        && (flags & (NameLexicon.FIRST_NAME | NameLexicon.SURNAME | NameLexicon.PLACE)) == 0;
  }

  /**
   * A dictionary word that is not one of the common ones: after a capitalised name it makes the
   * pair a product or a place ("Kafka Streams"), where a common word ("You", "Attached") just
   * follows the name.
   */
  static boolean isProductWord(int flags) {
    return isPlainWord(flags) && (flags & NameLexicon.COMMON) == 0;
  }

  /** True when a word of the run is a known name and no dictionary word ("Carvajal", not "Knight"). */
  private boolean hasRareName(NameTokens.Line line, int from, int to) {
    for (int t = from; t < to; t++) {
      int f = flags(line, t);
      if (isNameLike(f) && (f & NameLexicon.ENGLISH) == 0) {
        return true;
      }
    }
    return false;
  }

  /** True when a list goes on after token t - 1: "Brabec, Doyle and Gonzalez". */
  private static boolean isListed(NameTokens.Line line, int t) {
    if (t < 0 || t >= line.size()) {
      return false;
    }
    return line.length(t) == 1 && (line.first(t) == ',' || line.first(t) == '&') || isAnd(line, t);
  }

  /** "and" in any case, compared in place: only 'A' and 'a' give 'a' when OR-ed with 0x20, and so on. */
  private static boolean isAnd(NameTokens.Line line, int t) {
    int s = line.start()[t];
    String text = line.text();
    return line.length(t) == 3 && (text.charAt(s) | 0x20) == 'a' && (text.charAt(s + 1) | 0x20) == 'n'
        && (text.charAt(s + 2) | 0x20) == 'd';
  }

  /** A lower-case word inside a name; the length test spares most words a lower-cased copy. */
  private static boolean isParticle(NameTokens.Line line, int t) {
    int length = line.length(t);
    return length >= MIN_PARTICLE && length <= MAX_PARTICLE && PARTICLES.contains(lower(line, t));
  }

  /** "is" introduces a name only in "name is", and "am" only in "I am". */
  private static boolean isMyName(NameTokens.Line line, int cueAt) {
    if (cueAt < 1) {
      return false;
    }
    String cue = lower(line, cueAt);
    String word = lower(line, cueAt - 1);
    return cue.equals("is") ? word.equals("name") : word.equals("i");
  }

  /** A first name or surname that is not also a common word ("Will", "Grant" are both). */
  private static boolean isNameLike(int flags) {
    return (flags & (NameLexicon.FIRST_NAME | NameLexicon.SURNAME)) != 0 && (flags & NameLexicon.COMMON) == 0;
  }

  /** A known place that is no dictionary word, whatever name lists also hold it. */
  private static boolean isKnownPlace(int flags) {
    return (flags & NameLexicon.PLACE) != 0 && (flags & (NameLexicon.COMMON | NameLexicon.ENGLISH)) == 0;
  }

  /** A known place that is neither an English word nor a person's name ("Sweden", not "Jordan" or "Nice"). */
  private static boolean isPlaceOnly(int flags) {
    return (flags & ~NameLexicon.PLACE_PHRASE_START) == NameLexicon.PLACE;
  }

  /** The end of the longest known place that starts the run, or {@code from} when none does. */
  private int placeEnd(NameTokens.Line line, int from, int to) {
    int longest = (flags(line, from) & NameLexicon.PLACE_PHRASE_START) == 0 ? from : Math.min(to, from + NameLexicon.MAX_PLACE_WORDS);
    for (int end = longest; end > from + 1; end--) {
      StringBuilder words = new StringBuilder();
      for (int t = from; t < end; t++) {
        words.append(t > from ? " " : "").append(lower(line, t));
      }
      if (lexicon.placePhrase(words.toString())) {
        return end;
      }
    }
    int f = flags(line, from);
    return (f & NameLexicon.PLACE) != 0 && (f & NameLexicon.COMMON) == 0 ? from + 1 : from;
  }

  private static int flags(NameTokens.Line line, int t) {
    return line.flags(t);
  }

  /** A capitalised word, or an all-capitals one of a known place ("HELSINKI"). */
  private boolean startsName(NameTokens.Line line, int t) {
    return NameTagger.isTitleCase(line, t)
        || isUpperWord(line, t) && line.length(t) > 2 && (flags(line, t) & NameLexicon.PLACE) != 0;
  }

  /** The end of a run of name words: capitalised words, initials and particles between them. */
  private int runEnd(NameTokens.Line line, int from) {
    boolean upper = !NameTagger.isTitleCase(line, from);
    int end = from + 1;
    int size = line.size();
    while (end < size && end - from < MAX_RUN) {
      if (upper ? isUpperWord(line, end) && line.length(end) > 1 : NameTagger.isTitleCase(line, end)) {
        end++;
      } else if (isInitial(line, end) && end + 1 < size && (NameTagger.isTitleCase(line, end + 1) || isDotThenName(line, end + 1))) {
        end += line.first(end + 1) == '.' ? 2 : 1;
      } else if (end + 1 < size && NameTagger.isTitleCase(line, end + 1) && isParticle(line, end)) {
        end++;
      } else {
        break;
      }
    }
    return end;
  }

  private static boolean isDotThenName(NameTokens.Line line, int t) {
    return line.length(t) == 1 && line.first(t) == '.' && t + 1 < line.size() && NameTagger.isTitleCase(line, t + 1);
  }

  private static boolean isInitial(NameTokens.Line line, int t) {
    return line.length(t) == 1 && Character.isUpperCase(line.first(t));
  }

  private static boolean isUpperWord(NameTokens.Line line, int t) {
    String text = line.text();
    for (int i = line.start()[t], end = line.end()[t]; i < end; i++) {
      char c = text.charAt(i);
      if (!Character.isUpperCase(c) && c != '-' && c != '\'') {
        return false;
      }
    }
    return line.length(t) > 0;
  }

  private static String lower(NameTokens.Line line, int t) {
    return line.token(t).toLowerCase(Locale.ROOT);
  }

  private static void add(List<NameTagger.Name> out, String type, NameTokens.Line line, int from, int to,
      double probability, boolean lineStart) {
    out.add(new NameTagger.Name(type, line.start()[from], line.end()[to - 1], probability, to - from, lineStart));
  }
}
