package io.guardstream.inspect.pii;

import static org.assertj.core.api.Assertions.assertThat;

import io.guardstream.inspect.PiiFinding;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PiiScannerTest {

  private static final PiiScanner SCANNER = new PiiScanner();

  @Test
  void shouldReportDetectorIdAndVersion() {
    assertThat(SCANNER.id()).isEqualTo("pii@3");
  }

  @Test
  void shouldReturnNothingForEmptyOrClean() {
    assertThat(SCANNER.scan("")).isEmpty();
    assertThat(SCANNER.scan("How do I kill a Python process?")).isEmpty();
  }

  @Test
  void shouldFindEveryKindInOneTextSortedByStart() {
    String text = "Mail jane@corp.io or call (555) 123-4567; card 4111 1111 1111 1111, SSN 536-32-3065, "
        + "IBAN GB82 WEST 1234 5698 7654 32 from 10.1.2.3, password=hunter2!";
    List<PiiFinding> findings = SCANNER.scan(text);
    assertThat(findings).extracting(PiiFinding::type).containsExactly(
        "EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD", "US_SSN", "IBAN_CODE", "IP_ADDRESS", "SECRET");
    assertThat(findings).extracting(f -> text.substring(f.start(), f.end())).containsExactly(
        "jane@corp.io", "(555) 123-4567", "4111 1111 1111 1111", "536-32-3065",
        "GB82 WEST 1234 5698 7654 32", "10.1.2.3", "hunter2!");
  }

  @Test
  void shouldReportCodePointOffsetsWhenEmojiPrecedesSpan() {
    String text = "\uD83D\uDE00\uD83D\uDE00 write to a@b.io";
    List<PiiFinding> findings = SCANNER.scan(text);
    assertThat(findings).hasSize(1);
    PiiFinding f = findings.get(0);
    assertThat(f.start()).isEqualTo(12); // two emoji are two code points but four chars
    assertThat(f.end()).isEqualTo(18);
    int startChar = text.offsetByCodePoints(0, f.start());
    int endChar = text.offsetByCodePoints(0, f.end());
    assertThat(text.substring(startChar, endChar)).isEqualTo("a@b.io");
  }

  @Test
  void shouldKeepHigherScoreWhenSpansOverlap() {
    List<Candidate> kept = PiiScanner.resolveOverlaps(new ArrayList<>(List.of(
        new Candidate("URL", 0, 30, 0.6),
        new Candidate("SECRET", 10, 18, 0.95),
        new Candidate("EMAIL_ADDRESS", 20, 28, 0.9))));
    assertThat(kept).extracting(Candidate::type).containsExactly("SECRET", "EMAIL_ADDRESS");
  }

  @Test
  void shouldKeepLongerSpanWhenScoresTie() {
    List<Candidate> kept = PiiScanner.resolveOverlaps(new ArrayList<>(List.of(
        new Candidate("PHONE_NUMBER", 5, 12, 0.6),
        new Candidate("ADDRESS", 0, 40, 0.6))));
    assertThat(kept).containsExactly(new Candidate("ADDRESS", 0, 40, 0.6));
  }

  @Test
  void shouldReportConnectionStringPasswordAsSecretNotEmail() {
    String text = "DATABASE_URL=postgres://app:Zx9!qWe7@db.internal:5432/orders";
    List<PiiFinding> findings = SCANNER.scan(text);
    assertThat(findings).extracting(f -> text.substring(f.start(), f.end())).contains("Zx9!qWe7");
    assertThat(findings).extracting(PiiFinding::type).doesNotContain("EMAIL_ADDRESS");
  }

  @Test
  void shouldGiveSameResultsFromManyThreads() throws Exception {
    String text = "call (555) 123-4567 or mail x.y@z.org, card 5500-0000-0000-0004";
    List<PiiFinding> expected = SCANNER.scan(text);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<PiiFinding>>> results = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        results.add(pool.submit(() -> SCANNER.scan(text)));
      }
      for (Future<List<PiiFinding>> r : results) {
        assertThat(r.get(10, TimeUnit.SECONDS)).isEqualTo(expected);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void shouldReportScoresWithinZeroAndOne() {
    assertThat(SCANNER.scan("SSN 536-32-3065 and card 4111111111111111"))
        .allSatisfy(f -> assertThat(f.score()).isBetween(0.0, 1.0));
  }
}
