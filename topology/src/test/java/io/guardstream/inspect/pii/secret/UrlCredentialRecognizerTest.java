package io.guardstream.inspect.pii.secret;

import static io.guardstream.inspect.pii.Detections.found;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UrlCredentialRecognizerTest {

  private final UrlCredentialRecognizer recognizer = new UrlCredentialRecognizer();

  @Test
  void shouldFindPasswordInConnectionString() {
    assertThat(found(recognizer, "url: mongodb://jrfdeg42:p4Dsr8b@127.0.0.1:32768/architecture"))
        .containsExactly("p4Dsr8b");
  }

  @Test
  void shouldFindPasswordWhenUserIsAnEmail() {
    assertThat(found(recognizer, "smtps://example@gmail.com:FnD83JZs@smtp.gmail.com:465"))
        .containsExactly("FnD83JZs");
  }

  @Test
  void shouldNotFlagTemplateOrKeywordPassword() {
    assertThat(found(recognizer, "postgres://app:${DB_PASSWORD}@db:5432/x")).isEmpty();
    assertThat(found(recognizer, "postgres://user:password@localhost/db")).isEmpty();
  }

  @Test
  void shouldNotFlagUrlWithoutUserinfo() {
    assertThat(found(recognizer, "https://example.com:8443/path?a=b@c")).isEmpty();
  }
}
