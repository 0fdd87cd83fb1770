package io.guardstream.inspect.pii;

import static io.guardstream.inspect.pii.Detections.found;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EmailRecognizerTest {

  private final EmailRecognizer recognizer = new EmailRecognizer();

  @Test
  void shouldFindEmailInSentence() {
    assertThat(found(recognizer, "You said your email is BarabasPeterke@cuvox.de. Is that correct?"))
        .containsExactly("BarabasPeterke@cuvox.de");
  }

  @Test
  void shouldFindSeveralEmailsWithPlusAndSubdomains() {
    assertThat(found(recognizer, "cc: jane.doe+llm@mail.example.co.uk, ops-team@corp.io"))
        .containsExactly("jane.doe+llm@mail.example.co.uk", "ops-team@corp.io");
  }

  @Test
  void shouldNotFlagHandleOrDecoratorWithoutDomain() {
    assertThat(found(recognizer, "ping @alice, see @Override and user@localhost")).isEmpty();
  }

  @Test
  void shouldNotFlagAddressWithNumericTld() {
    assertThat(found(recognizer, "ssh git@10.0.0.1")).isEmpty();
  }

  @Test
  void shouldSkipTextWithoutAtSign() {
    assertThat(recognizer.mightMatch(TextProfile.of("no address here"))).isFalse();
  }
}
