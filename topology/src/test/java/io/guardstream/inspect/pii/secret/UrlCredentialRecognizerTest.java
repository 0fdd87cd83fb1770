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

  @Test
  void shouldFindCredentialsWhateverTheSchemeLengthAndNeighbours() {
    // the URL pattern is tried only 2 to 21 chars before each "://", in text order
    assertThat(found(recognizer, "see ab://u:Xq9zT7kPw2@h1 and "
        + "abcdefghijklmnopqrstu://u:Vb7nM3qLz8@h2 then https://x.org and redis://default:Kd8sLq2pZ4@cache:6379"))
        .containsExactly("Xq9zT7kPw2", "Vb7nM3qLz8", "Kd8sLq2pZ4");
    assertThat(found(recognizer, "a scheme of 22: abcdefghijklmnopqrstuv://u:Vb7nM3qLz8@h2"))
        .containsExactly("Vb7nM3qLz8"); // matched from its last 21 letters, as find() does
    assertThat(found(recognizer, "x://u:Vb7nM3qLz8@h2")).isEmpty(); // a one-letter scheme
  }
}
