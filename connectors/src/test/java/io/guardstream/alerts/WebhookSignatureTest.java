package io.guardstream.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

  private static final String SECRET = "0123456789abcdef0123456789abcdef";
  private static final byte[] BODY = "{\"alert_id\":\"a-1\"}".getBytes(StandardCharsets.UTF_8);
  private static final long TIMESTAMP = 1_717_200_000L;
  private static final Instant AT = Instant.ofEpochSecond(TIMESTAMP);
  private static final Duration TOLERANCE = Duration.ofMinutes(5);

  private final WebhookSignature signature = new WebhookSignature(SECRET);

  @Test
  void shouldMatchOpensslHmacOverTimestampDotBodyWhenSigning() {
    // printf '%s' '1717200000.{"alert_id":"a-1"}' | openssl dgst -sha256 -hmac 0123456789abcdef0123456789abcdef
    assertThat(signature.sign(TIMESTAMP, BODY))
        .isEqualTo("sha256=aab0fe3ad2f6d5e7cc6bc1c1e7142179d787fcbe42dfc7e047341c6054d8cb17");
  }

  @Test
  void shouldVerifyWhenBodyTimestampAndSecretAreThoseSigned() {
    assertThat(signature.verify("1717200000", signature.sign(TIMESTAMP, BODY), BODY, AT.plusSeconds(60), TOLERANCE)).isTrue();
  }

  @Test
  void shouldRejectWhenOneByteOfTheBodyChanged() {
    byte[] tampered = BODY.clone();
    tampered[tampered.length - 2] = '2';
    assertThat(signature.verify("1717200000", signature.sign(TIMESTAMP, BODY), tampered, AT, TOLERANCE)).isFalse();
  }

  @Test
  void shouldRejectWhenACapturedSignatureIsReplayedWithAFreshTimestamp() {
    String captured = signature.sign(TIMESTAMP, BODY);
    assertThat(signature.verify("1717200600", captured, BODY, AT.plusSeconds(600), TOLERANCE)).isFalse();
  }

  @Test
  void shouldRejectWhenTheTimestampIsOutsideTheTolerance() {
    String signed = signature.sign(TIMESTAMP, BODY);
    assertThat(signature.verify("1717200000", signed, BODY, AT.plusSeconds(301), TOLERANCE)).isFalse();
    assertThat(signature.verify("1717200000", signed, BODY, AT.minusSeconds(301), TOLERANCE)).isFalse();
  }

  @Test
  void shouldRejectWhenSignedWithAnotherSecret() {
    String other = new WebhookSignature(SECRET.replace('0', 'x')).sign(TIMESTAMP, BODY);
    assertThat(signature.verify("1717200000", other, BODY, AT, TOLERANCE)).isFalse();
  }

  @Test
  void shouldRejectWhenHeadersAreMissingOrMalformed() {
    String signed = signature.sign(TIMESTAMP, BODY);
    assertThat(signature.verify(null, signed, BODY, AT, TOLERANCE)).isFalse();
    assertThat(signature.verify("1717200000", null, BODY, AT, TOLERANCE)).isFalse();
    assertThat(signature.verify("soon", signed, BODY, AT, TOLERANCE)).isFalse();
    assertThat(signature.verify("1717200000", signed.substring("sha256=".length()), BODY, AT, TOLERANCE)).isFalse();
    assertThat(signature.verify("1717200000", "sha256=zz", BODY, AT, TOLERANCE)).isFalse();
  }

  @Test
  void shouldNotShowTheSecretWhenPrinted() {
    assertThat(signature.toString()).doesNotContain(SECRET);
  }
}
