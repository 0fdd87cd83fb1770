package io.guardstream.inspect.pii.secret;

import static io.guardstream.inspect.pii.Detections.found;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EncodedKeyMaterialRecognizerTest {

  private final EncodedKeyMaterialRecognizer recognizer = new EncodedKeyMaterialRecognizer();

  @Test
  void shouldFindPemBodyLineOfBinaryBase64() {
    byte[] key = new byte[48];
    new Random(7).nextBytes(key);
    String line = Base64.getEncoder().encodeToString(key);
    assertThat(found(recognizer, "2026-04-26 12:36:01 " + line)).containsExactly(line);
    assertThat(found(recognizer, "   +   \"" + line + "\\n\"")).containsExactly(line);
  }

  @Test
  void shouldNotFlagBase64OfReadableText() {
    String encoded = Base64.getEncoder().encodeToString(
        "Please summarise the attached quarterly report for me.".getBytes(StandardCharsets.UTF_8));
    assertThat(found(recognizer, "decode this: " + encoded)).isEmpty();
  }

  @Test
  void shouldFindAtlassianPersonalAccessToken() {
    byte[] random = new byte[20];
    new Random(3).nextBytes(random);
    byte[] raw = new byte[33];
    System.arraycopy("926607655526:".getBytes(StandardCharsets.US_ASCII), 0, raw, 0, 13);
    System.arraycopy(random, 0, raw, 13, 20);
    String pat = Base64.getEncoder().withoutPadding().encodeToString(raw);
    assertThat(found(recognizer, "https://jira.local/token/" + pat)).containsExactly(pat);
  }

  @Test
  void shouldNotFlagShortOrSingleCaseTokens() {
    assertThat(found(recognizer, "sha 8ab20238fb3ef48823e75469b5712d3f0baf2e58")).isEmpty();
    assertThat(found(recognizer, "id Q3VZ7T2M5K8N4P6R")).isEmpty();
  }
}
