package io.guardstream.inspect.pii;

import java.util.List;
import java.util.Set;

/**
 * The words that make a capitalised phrase an organisation's name, by strength of evidence. The
 * lists were written for this project from general knowledge of company and institution names
 * (legal forms by jurisdiction, common sector words); they hold no organisation's name.
 */
final class OrganizationWords {

  /** Not a head word. */
  static final int NONE = 0;
  /** A legal form ("Inc", "GmbH"): a company whatever words precede it. */
  static final int LEGAL_FORM = 1;
  /** An institution's head ("Bank", "University", "Group"): a name, unless what precedes is plain English. */
  static final int INSTITUTION = 2;
  /** A sector word ("Airlines", "Software"): weaker, also ends titles and headings. */
  static final int SECTOR = 3;

  private static final Set<String> LEGAL_FORMS = Set.of(
      "inc", "incorporated", "ltd", "limited", "llc", "llp", "lp", "gmbh", "plc", "corp", "corporation",
      "pty", "bv", "nv", "oy", "ab", "kg", "sarl", "srl", "spa", "pte");
  /** Legal forms that are also everyday abbreviations ("AG" attorney general, "SA" South Africa): upper case only. */
  private static final Set<String> UPPER_CASE_LEGAL_FORMS = Set.of("ag", "sa", "se", "as");
  private static final Set<String> INSTITUTIONS = Set.of(
      "company", "co", "bros", "group", "holdings", "bank", "bancorp", "university", "institute", "foundation",
      "association", "agency", "college", "ministry", "department", "trust", "society", "federation",
      "council", "commission", "authority");
  private static final Set<String> SECTORS = Set.of(
      "airlines", "airways", "technologies", "technology", "systems", "solutions", "partners", "capital",
      "labs", "laboratories", "software", "pharmaceuticals", "pharma", "research", "consulting", "analytics",
      "networks", "industries", "enterprises", "ventures", "associates", "motors", "insurance", "logistics",
      "therapeutics", "biosciences", "communications", "telecom", "studios", "electronics", "investments",
      "brands", "foods", "energy", "international");
  /** Institution heads that name one by what follows: "Department of Justice", "Bank of Canada". */
  private static final Set<String> HEADS_BEFORE_OF = Set.of(
      "department", "ministry", "university", "bank", "institute", "college", "bureau", "office", "school");
  /** Words that end a name walked back from its head: articles, pronouns, greetings, cue verbs. */
  private static final Set<String> NOT_PART_OF_NAME = Set.of(
      "the", "a", "an", "our", "my", "your", "their", "his", "her", "its", "this", "that", "these", "those",
      "at", "for", "from", "with", "by", "to", "in", "on", "of", "and", "or", "contact", "dear", "hi", "hello",
      "thanks", "joined", "join", "visit", "call", "email", "during", "after", "before", "when", "while",
      "if", "i", "we", "you", "they", "he", "she", "it", "is", "was", "are", "new");

  /** Heads written abbreviated, whose '.' belongs to the name ("Co.", "Inc."). */
  private static final Set<String> ABBREVIATIONS = Set.of("inc", "ltd", "co", "corp", "llc", "llp", "plc", "bros");

  /** [first letter][length] of every head word: most capitalised words are ruled out without a copy. */
  private static final boolean[][] HEAD_SHAPES = new boolean[26][17];

  static {
    for (Set<String> words : List.of(LEGAL_FORMS, UPPER_CASE_LEGAL_FORMS, INSTITUTIONS, SECTORS, HEADS_BEFORE_OF)) {
      for (String word : words) {
        HEAD_SHAPES[word.charAt(0) - 'a'][word.length()] = true;
      }
    }
  }

  private OrganizationWords() {}

  /** False when text[start, end) cannot be a head word, judged by its first letter and length alone. */
  static boolean mayBeHead(String text, int start, int end) {
    int first = (text.charAt(start) | 0x20) - 'a';
    int length = end - start;
    return first >= 0 && first < 26 && length < 17 && HEAD_SHAPES[first][length];
  }

  /** How strongly the capitalised word {@code lower} ends an organisation's name. */
  static int head(String lower, boolean allUpper) {
    if (LEGAL_FORMS.contains(lower) || (allUpper && UPPER_CASE_LEGAL_FORMS.contains(lower))) {
      return LEGAL_FORM;
    }
    if (INSTITUTIONS.contains(lower)) {
      return INSTITUTION;
    }
    return SECTORS.contains(lower) ? SECTOR : NONE;
  }

  static boolean headBeforeOf(String lower) {
    return HEADS_BEFORE_OF.contains(lower);
  }

  static boolean abbreviation(String lower) {
    return ABBREVIATIONS.contains(lower);
  }

  static boolean notPartOfName(String lower) {
    return NOT_PART_OF_NAME.contains(lower);
  }
}
