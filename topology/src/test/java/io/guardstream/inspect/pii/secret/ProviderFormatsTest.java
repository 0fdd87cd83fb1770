package io.guardstream.inspect.pii.secret;

import static io.guardstream.inspect.pii.Detections.found;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One case per provider format added to {@code provider-tokens.tsv} for cloud and SaaS providers
 * the table lacked: a value of the documented shape is found, a near miss is not. Values are drawn
 * at run time from a seeded generator, so the source holds no scanner-shaped secret.
 */
class ProviderFormatsTest {

  private static final ProviderTokenRecognizer RECOGNIZER = new ProviderTokenRecognizer();
  private static final String HEX = "0123456789abcdef";
  private static final String B62 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final String UPPER36 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

  /** name, a value the provider issues, a value that only resembles one. */
  static Stream<Arguments> formats() {
    return Stream.of(
        Arguments.of("WeChat app id", "wx" + draw(HEX, 16, 1), "wx" + draw(HEX, 15, 1)),
        Arguments.of("Salesforce access token", "00D" + draw(B62, 12, 2) + "!" + draw(B62 + ".", 96, 3),
            "00D" + draw(B62, 12, 2) + "!" + draw(B62, 20, 3)),
        Arguments.of("Salesforce consumer key", "3MVG9" + draw(B62 + "._", 80, 4), "3MVG9" + draw(B62, 30, 4)),
        Arguments.of("Twilio account SID", "AC" + draw(HEX, 32, 5), "AC" + draw(HEX, 31, 5)),
        Arguments.of("Twilio API key SID", "SK" + draw(HEX, 32, 6), "SK" + draw(HEX, 33, 6)),
        Arguments.of("Alibaba Cloud AccessKey id", "LTAI" + draw(B62, 20, 7), "LTAI" + draw(B62, 8, 7)),
        Arguments.of("Tencent Cloud SecretId", "AKID" + draw(B62, 32, 8), "AKID" + draw(B62, 31, 8)),
        Arguments.of("Yandex Cloud API key", "AQVN" + draw(B62 + "_-", 36, 9), "AQVN" + draw(B62, 20, 9)),
        Arguments.of("Docker Hub token", "dckr_pat_" + draw(B62, 27, 10), "dckr_pat_" + draw(B62, 12, 10)),
        Arguments.of("LangSmith key", "lsv2_pt_" + draw(HEX, 32, 11) + "_" + draw(HEX, 10, 12),
            "lsv2_xx_" + draw(HEX, 32, 11) + "_" + draw(HEX, 10, 12)),
        Arguments.of("New Relic user key", "NRAK-" + draw(UPPER36, 27, 13), "NRAK-" + draw(UPPER36, 26, 13)),
        Arguments.of("New Relic insert key", "NRII-" + draw(B62, 32, 14), "NRII-" + draw(B62, 31, 14)),
        Arguments.of("Grafana legacy API key", "eyJrIjoi" + base64(60, 15), "eyJrIjoi" + base64(30, 15)),
        Arguments.of("Supabase token", "sbp_" + draw(HEX, 40, 16), "sbp_" + draw(HEX, 39, 16)),
        Arguments.of("Pulumi token", "pul-" + draw(HEX, 40, 17), "pul-" + draw(B62, 40, 17)),
        Arguments.of("Fly.io token", "fo1_" + draw(B62, 43, 18), "fo1_" + draw(B62, 42, 18)),
        Arguments.of("Sourcegraph token", "sgp_" + draw(HEX, 16, 19) + "_" + draw(HEX, 40, 20),
            "sgp_" + draw(HEX, 16, 19) + "_" + draw(HEX, 39, 20)),
        Arguments.of("Airtable token", "pat" + draw(B62, 14, 21) + "." + draw(HEX, 64, 22),
            "pat" + draw(B62, 14, 21) + "." + draw(HEX, 63, 22)),
        Arguments.of("Adafruit IO key", "aio_" + draw(B62, 28, 23), "aio_" + draw(B62, 27, 23)),
        Arguments.of("Mapbox secret token", "sk.eyJ" + draw(B62, 60, 24) + "." + draw(B62, 22, 25),
            "sk.eyJ" + draw(B62, 60, 24)),
        Arguments.of("NTLM authenticate message", "TlRMTVNTUAAD" + base64(90, 26), "TlRMTVNTUAAB" + base64(90, 26)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("formats")
  void shouldFindProviderValueInConfigLine(String name, String value, String nearMiss) {
    assertThat(found(RECOGNIZER, "export CREDENTIAL=" + value + " # prod")).containsExactly(value);
    assertThat(found(RECOGNIZER, "\"" + value + "\"")).containsExactly(value);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("formats")
  void shouldNotFindValueOfTheWrongShape(String name, String value, String nearMiss) {
    assertThat(found(RECOGNIZER, "export CREDENTIAL=" + nearMiss + " # prod")).isEmpty();
    assertThat(found(RECOGNIZER, "x" + value)).as("inside a longer word").isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("formats")
  void shouldNotFindSampleValueWithTypedFiller(String name, String value, String nearMiss) {
    // a documentation sample: a counting run typed into the random part
    String sample = value.substring(0, value.length() - 8) + "12345678";
    assertThat(found(RECOGNIZER, sample)).isEmpty();
  }

  @org.junit.jupiter.api.Test
  void shouldNotFindHexIdPaddedWithARunOfOneDigit() {
    assertThat(found(RECOGNIZER, "wx" + "ffffff" + draw(HEX, 10, 30))).isEmpty();
    assertThat(found(RECOGNIZER, "AC" + draw(HEX, 20, 31) + "000000" + draw(HEX, 6, 32))).isEmpty();
    assertThat(found(RECOGNIZER, "wx" + draw(HEX, 16, 33))).hasSize(1);
  }

  /** {@code length} characters drawn from {@code alphabet} by a generator seeded with {@code seed}. */
  private static String draw(String alphabet, int length, long seed) {
    Random random = new Random(seed);
    StringBuilder sb = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return sb.toString();
  }

  private static String base64(int bytes, long seed) {
    byte[] raw = new byte[bytes];
    new Random(seed).nextBytes(raw);
    return Base64.getEncoder().withoutPadding().encodeToString(raw);
  }
}
