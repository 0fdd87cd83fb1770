package io.guardstream.inspect.pii.secret;

import static io.guardstream.inspect.pii.Detections.found;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class JwtRecognizerTest {

  private final JwtRecognizer recognizer = new JwtRecognizer();

  private static String b64(String json) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  private static final String HEADER = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
  private static final String PAYLOAD = b64("{\"sub\":\"1234567890\",\"name\":\"Jane\",\"iat\":1516239022}");

  @Test
  void shouldFindSignedJwtAfterBearer() {
    String jwt = HEADER + "." + PAYLOAD + ".SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";
    assertThat(found(recognizer, "Authorization: Bearer " + jwt)).containsExactly(jwt);
  }

  @Test
  void shouldFindUnsignedJwt() {
    String jwt = b64("{\"alg\":\"none\"}") + "." + PAYLOAD + ".";
    assertThat(found(recognizer, jwt)).containsExactly(jwt);
  }

  @Test
  void shouldNotFlagBase64JsonThatIsNotJwtHeader() {
    String notJwt = b64("{\"user\":\"someone\",\"x\":1}") + "." + PAYLOAD + ".abc";
    assertThat(found(recognizer, notJwt)).isEmpty();
  }

  @Test
  void shouldNotFlagJwtWithPlaceholderSignature() {
    assertThat(found(recognizer, HEADER + "." + PAYLOAD + ".EXAMPLEFAKESIG")).isEmpty();
  }
}
