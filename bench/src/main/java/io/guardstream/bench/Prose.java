package io.guardstream.bench;

import java.util.Locale;
import java.util.Random;

/**
 * Deterministic prompt and answer texts for the benchmarks: varied business and engineering prose,
 * optionally with personal data mixed in the way users paste it (an email, a phone number, a
 * colleague's name, a city). A fixed seed gives the same text on every run and machine, so figures
 * from different runs compare; varied sentences keep the detectors from meeting one line repeated,
 * which no real prompt is and which the repetition-flood check would score.
 */
public final class Prose {

  /** The mix a benchmark scans: what share of sentences carry personal data. */
  public enum Mix {
    /** No personal data at all: the common case, where a scanner's cost is its floor. */
    CLEAN,
    /** About one sentence in four names someone, or carries an email address or a phone number. */
    MIXED
  }

  private static final String[] SENTENCES = {
    "Please summarise the quarterly report on stream processing costs and list the three largest items.",
    "The migration to the new storage tier finished last week, but read latency went up by about ten percent.",
    "Can you rewrite this paragraph so that it reads well for a non-technical audience?",
    "We need a short plan for reducing the number of partitions without losing ordering per customer.",
    "Our retention policy keeps raw events for seven days and aggregates for thirteen months.",
    "Explain the difference between at-least-once and exactly-once delivery in two or three sentences.",
    "The dashboard shows consumer lag growing every night between two and four in the morning.",
    "Draft a polite reply declining the meeting, and suggest a time later in the week instead.",
    "Which of these three database designs would you pick for a ledger that must never lose a write?",
    "I am preparing slides for the architecture review and need a one-line description of each service.",
    "The build takes eleven minutes on the shared runners; most of it is spent resolving dependencies.",
    "Translate the following release notes into plain English, keeping the version numbers unchanged.",
    "What are the trade-offs of caching verified tokens for a few seconds in the gateway?",
    "List the risks of running the batch job during business hours and how to mitigate each of them.",
    "The customer asked whether their prompts are stored, and for how long, so please draft an answer.",
    "Give me three options for naming the new internal tool, each with a short rationale.",
    "Compare the cost of reserved instances with spot capacity for a workload that runs twenty hours a day.",
    "Our incident review found that alerts fired correctly but nobody owned the on-call rotation that week.",
    "Write a unit test for a function that merges overlapping intervals and returns them sorted.",
    "The contract renewal is due at the end of the month and legal has not reviewed the new clauses yet.",
    "Summarise the feedback from the last user study in five bullet points, most frequent first.",
    "How should we version the event schema so that old consumers keep working after the change?",
    "The report mentions a rise in support tickets after the pricing change; is that significant?",
    "Suggest a checklist for onboarding a new engineer to the data platform team in their first week.",
  };

  private static final String[] GIVEN_NAMES = {
    "Maria", "John", "Aisha", "Peter", "Sofia", "David", "Elena", "Michael", "Laura", "Thomas", "Priya", "James"};
  private static final String[] SURNAMES = {
    "Gonzalez", "Smith", "Khan", "Novak", "Rossi", "Miller", "Petrova", "Brown", "Schmidt", "Walker", "Sharma", "Taylor"};
  private static final String[] CITIES = {
    "Berlin", "Chicago", "Madrid", "Toronto", "Lisbon", "Boston", "Munich", "Seattle"};

  private Prose() {}

  /** A text of exactly {@code length} characters (ASCII, so also bytes), the same for the same seed. */
  static String text(int length, Mix mix, long seed) {
    Random random = new Random(seed);
    StringBuilder out = new StringBuilder(length + 200);
    while (out.length() < length) {
      if (mix == Mix.MIXED && random.nextInt(4) == 0) {
        out.append(personalSentence(random));
      } else {
        out.append(SENTENCES[random.nextInt(SENTENCES.length)]);
      }
      out.append(random.nextInt(6) == 0 ? "\n\n" : " ");
    }
    out.setLength(length);
    return out.toString();
  }

  private static String personalSentence(Random random) {
    String given = GIVEN_NAMES[random.nextInt(GIVEN_NAMES.length)];
    String surname = SURNAMES[random.nextInt(SURNAMES.length)];
    String city = CITIES[random.nextInt(CITIES.length)];
    return switch (random.nextInt(4)) {
      case 0 -> "Please forward the summary to " + given + " " + surname + " at "
          + given.toLowerCase(Locale.ROOT) + "." + surname.toLowerCase(Locale.ROOT)
          + "@example.com before Friday.";
      case 1 -> "If anything is unclear, call me on (415) 555-0" + (100 + random.nextInt(900))
          + " or on my mobile, +44 20 7946 0" + (100 + random.nextInt(900)) + ".";
      case 2 -> given + " " + surname + " from the " + city + " office will present the results on Monday.";
      default -> "I met " + given + " " + surname + " in " + city
          + " last month, who asked for the draft at " + surname.toLowerCase(Locale.ROOT)
          + "@corp.example.org.";
    };
  }
}
