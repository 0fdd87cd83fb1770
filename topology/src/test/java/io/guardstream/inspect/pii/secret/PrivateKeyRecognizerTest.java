package io.guardstream.inspect.pii.secret;

import static io.guardstream.inspect.pii.Detections.found;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class PrivateKeyRecognizerTest {

  private final PrivateKeyRecognizer recognizer = new PrivateKeyRecognizer();
  private static final String DASHES = "-----";

  @Test
  void shouldCoverWholeBlockWhenBeginAndEndArePresent() {
    String block = DASHES + "BEGIN RSA PRIVATE" + " KEY" + DASHES + "\nMIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf9Cnzj4p4WGeKLs1Pt8Qu\n"
        + DASHES + "END RSA PRIVATE" + " KEY" + DASHES;
    String text = "here is my key:\n" + block + "\nthanks";
    assertThat(found(recognizer, text)).containsExactly(block);
  }

  @Test
  void shouldFindLoneHeaderOrFooterLine() {
    assertThat(found(recognizer, "PKEY = \"\"\"" + DASHES + "BEGIN OPENSSH PRIVATE" + " KEY" + DASHES))
        .containsExactly(DASHES + "BEGIN OPENSSH PRIVATE" + " KEY" + DASHES);
    assertThat(found(recognizer, DASHES + "END EC PRIVATE" + " KEY" + DASHES + "`"))
        .containsExactly(DASHES + "END EC PRIVATE" + " KEY" + DASHES);
  }

  @Test
  void shouldNotFlagPublicKeyOrEncryptedKey() {
    assertThat(found(recognizer, DASHES + "BEGIN PUBLIC KEY" + DASHES)).isEmpty();
    assertThat(found(recognizer, DASHES + "BEGIN ENCRYPTED PRIVATE" + " KEY" + DASHES)).isEmpty();
    assertThat(found(recognizer, DASHES + "BEGIN RSA PRIVATE" + " KEY" + DASHES + "\nProc-Type: 4,ENCRYPTED\n")).isEmpty();
  }

  @Test
  void shouldFindBase64WrappedPrivateKey() {
    String wrapped = Base64.getEncoder().encodeToString(
        (DASHES + "BEGIN PRIVATE" + " KEY" + DASHES + "\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg\n")
            .getBytes(StandardCharsets.US_ASCII));
    assertThat(found(recognizer, "tls.key: " + wrapped)).containsExactly(wrapped);
  }
}
