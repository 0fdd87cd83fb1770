package io.guardstream.inspect.pii;

import static io.guardstream.inspect.pii.Detections.candidates;
import static io.guardstream.inspect.pii.Detections.found;
import static org.assertj.core.api.Assertions.assertThat;

import io.guardstream.inspect.PiiFinding;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class PersonRecognizerTest {

  private static final NameTagger TAGGER = new NameTagger();
  private static final ExecutorService POOL = Executors.newFixedThreadPool(4);
  private final PersonRecognizer recognizer = new PersonRecognizer(TAGGER);

  @AfterAll
  static void stopPool() {
    POOL.shutdownNow();
  }

  @Test
  void shouldFindPersonWithHonorificBeforeName() {
    assertThat(found(recognizer, "Please forward the invoice to Mrs. Hanne Kreutzmann before Friday."))
        .containsExactly("Mrs. Hanne Kreutzmann");
  }

  @Test
  void shouldFindPersonAfterSelfIntroduction() {
    assertThat(found(recognizer, "I lost my card yesterday. My name is Sarah Iwase."))
        .containsExactly("Sarah Iwase");
  }

  @Test
  void shouldScoreHonorificContextHigherThanBareName() {
    double withTitle = candidates(recognizer, "Please ask Mr. Jonas Nielsen to call back.").get(0).score();
    double bare = candidates(recognizer, "Please ask Jonas Nielsen to call back.").get(0).score();
    assertThat(withTitle).isGreaterThan(bare);
  }

  @Test
  void shouldFindPersonAfterAbbreviatedTitle() {
    assertThat(found(recognizer, "The report was written by Dr. Hanne Kreutzmann last year."))
        .containsExactly("Dr. Hanne Kreutzmann");
  }

  @Test
  void shouldNotFlagHonorificAlone() {
    assertThat(found(recognizer, "Hello Mr, how are you?")).isEmpty();
    assertThat(found(recognizer, "Written by Mr. John Smith.")).containsExactly("Mr. John Smith");
  }

  @Test
  void shouldNotExtendNameIntoStreetAddress() {
    assertThat(found(recognizer, "Jennifer Alcaraz\nSuite 541 6343 Skogstien 106\nASKER 1386"))
        .containsExactly("Jennifer Alcaraz");
  }

  @Test
  void shouldLeavePossessiveOutOfName() {
    assertThat(found(recognizer, "It was a done thing between him and Franciska's kid."))
        .containsExactly("Franciska");
  }

  @Test
  void shouldNotFlagTitleOwnedByPerson() {
    assertThat(found(recognizer, "They sang the verses from Yuri Bulgakov's Cautionary Tales on stage."))
        .doesNotContain("Cautionary Tales");
  }

  @Test
  void shouldNotFlagProductNameAtSentenceStart() {
    assertThat(found(recognizer, "Kafka is a distributed log. Explain how Kafka Streams handles state.")).isEmpty();
  }

  @Test
  void shouldNotFlagImperativeAtSentenceStart() {
    assertThat(found(recognizer, "Write a short poem about autumn. Summarize the following article.")).isEmpty();
  }

  @Test
  void shouldNotFlagAcronyms() {
    assertThat(found(recognizer, "The API returns JSON over HTTP to the SDK.")).isEmpty();
  }

  @Test
  void shouldSkipTextWithoutCapitalisedWord() {
    assertThat(found(recognizer, "how do i kill a python process on linux?")).isEmpty();
  }

  @Test
  void shouldReportCodePointOffsetsWhenTextHasSurrogates() {
    String text = "\uD83D\uDE00 Please call Mr. Jonas Nielsen tomorrow.";
    List<PiiFinding> persons = new PiiScanner().scan(text).stream()
        .filter(f -> f.type().equals(PersonRecognizer.TYPE)).toList();
    assertThat(persons).hasSize(1);
    int start = persons.get(0).start();
    int end = persons.get(0).end();
    assertThat(new String(text.codePoints().toArray(), start, end - start)).isEqualTo("Mr. Jonas Nielsen");
  }

  @Test
  void shouldGiveSameAnswerFromManyThreads() throws Exception {
    String a = "My name is Sarah Iwase.";
    String b = "Please forward the invoice to Mrs. Hanne Kreutzmann before Friday.";
    List<String> expectA = found(recognizer, a);
    List<String> expectB = found(recognizer, b);
    List<Future<Boolean>> results = new java.util.ArrayList<>();
    for (int i = 0; i < 200; i++) {
      String text = i % 2 == 0 ? a : b;
      List<String> expected = i % 2 == 0 ? expectA : expectB;
      results.add(POOL.submit(() -> found(recognizer, text).equals(expected)));
    }
    for (Future<Boolean> r : results) {
      assertThat(r.get()).isTrue();
    }
  }
}
