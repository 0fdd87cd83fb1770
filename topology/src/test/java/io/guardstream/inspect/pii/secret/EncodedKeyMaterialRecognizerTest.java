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

  @Test
  void shouldNotFlagBinaryBase64OfLengthsKeysAreNotWrappedAt() {
    byte[] blob = new byte[57]; // MIME wraps attachments at 76 columns, 57 bytes a line
    new Random(11).nextBytes(blob);
    String mimeLine = Base64.getEncoder().encodeToString(blob);
    assertThat(mimeLine).hasSize(76);
    assertThat(found(recognizer, mimeLine)).isEmpty();
    String cutRun = mimeLine.substring(0, 63);
    assertThat(found(recognizer, "    f'" + cutRun + "'")).isEmpty();
  }

  @Test
  void shouldFindLastLineOfAKeyBlockAndOpenSshAndRawKeyLengths() {
    Random random = new Random(5);
    byte[] tail = new byte[42]; // the short last line of an EC key
    random.nextBytes(tail);
    byte[] raw = new byte[64];
    random.nextBytes(raw);
    byte[] openSsh = new byte[70 / 4 * 3 + 1];
    random.nextBytes(openSsh);
    String last = Base64.getEncoder().encodeToString(tail);
    String raw512 = Base64.getEncoder().encodeToString(raw);
    String sshLine = Base64.getEncoder().withoutPadding().encodeToString(openSsh).substring(0, 70);
    assertThat(found(recognizer, last)).containsExactly(last);
    assertThat(found(recognizer, "key " + raw512)).containsExactly(raw512);
    assertThat(found(recognizer, sshLine)).containsExactly(sshLine);
  }

  @Test
  void shouldNotFlagHeaderLinesOfAnEncryptedPkcs8Key() {
    // the first two lines of an ENCRYPTED PRIVATE KEY: PBES2, PBKDF2, HMAC-SHA256 and AES-256-CBC
    String first = "MIIBvTBXBgkqhkiG9w0BBQ0wSjApBgkqhkiG9w0BBQwwHAQIhMRbYco41BACAggA";
    String second = "MAwGCCqGSIb3DQIJBQAwHQYJYIZIAWUDBAEqBBD1orBpMSKt4Sb7vavGM4TIBIIB";
    assertThat(found(recognizer, first)).isEmpty();
    assertThat(found(recognizer, second)).isEmpty();
    String plainKeyFirstLine = "MIIBVQIBADANBgkqhkiG9w0BAQEFAASCAT8wggE7AgEAAkEA12FhURMjPmqRNZZl";
    assertThat(found(recognizer, plainKeyFirstLine)).containsExactly(plainKeyFirstLine);
  }

  @Test
  void shouldFindKeyLineWhoseBytesAreUnusuallyPrintableOrThatHoldsAShortLowerCaseRun() {
    String printable = "GUEMVn/PVmqhSJIj+yEsojeZykecYXo7LMxiJkuX8HZ9R3ynOHdedcfV4DdAJc1E";
    String slashed = "ki/ZkkAldBpX4sDD1zvC6LyWU1IlZcx9F5V7I0P/BrpSwrvjNQEIeW4tNR1+fEYW";
    assertThat(found(recognizer, "2026-04-26 12:36:01 " + printable)).containsExactly(printable);
    assertThat(found(recognizer, "2026-04-26 12:36:01 " + slashed)).containsExactly(slashed);
  }

  @Test
  void shouldNotFlagBase64ShapedLineEndingInTypedFiller() {
    assertThat(found(recognizer, "    hRFakQFbAuI769fdsbkjerfkjrekjnkerjnfkrejnfrejn==")).isEmpty();
    byte[] key = new byte[36];
    new Random(13).nextBytes(key);
    String realTail = Base64.getEncoder().encodeToString(key);
    assertThat(found(recognizer, "    " + realTail)).containsExactly(realTail);
  }

  @Test
  void shouldFindMicrosoftAnnotatedKeyButNotItsPlaceholder() {
    String random = "q7Lm2XvR9tKp4WzN8bYc3HsJ6dFg1QaE" + "u5Tn0ViWx3ZrPc8KjMy2";
    String key = random + "JQQJ99" + "AL" + "ACAAAAAAAAAAAAAS" + "AZDO1e4drs==";
    assertThat(found(recognizer, "t " + key)).containsExactly(key);
    String placeholder = "o".repeat(52) + "JQQJ99" + "AE" + "AAAAAAAAAAAAAAAAAZFURg67";
    assertThat(found(recognizer, "f " + placeholder)).isEmpty();
  }

  /** Armour built at run time: the commit hook refuses literal PEM private-key headers. */
  private static String armour(String edge, String label) {
    return "-----" + edge + " " + label + " " + "PRIVATE KEY-----";
  }

  private static String bodyLine(long seed) {
    byte[] bytes = new byte[48];
    new Random(seed).nextBytes(bytes);
    return Base64.getEncoder().encodeToString(bytes);
  }

  @Test
  void shouldNotReportBodyLinesOfAnEncryptedKeyWhoseArmourIsInTheText() {
    String line1 = bodyLine(21);
    String line2 = bodyLine(22);
    String pkcs8 = String.join("\n", armour("BEGIN", "ENCRYPTED"), line1, line2, armour("END", "ENCRYPTED"));
    assertThat(found(recognizer, pkcs8)).isEmpty();
    String legacy = String.join("\n", armour("BEGIN", "RSA"), "Proc-Type: 4,ENCRYPTED",
        "DEK-Info: DES-EDE3-CBC,0421B854034C0260", "", line1, line2, armour("END", "RSA"));
    assertThat(found(recognizer, legacy)).isEmpty();
  }

  @Test
  void shouldReportBodyLinesOfAPlainKeyAndTheLinesAfterAnEncryptedOne() {
    String line1 = bodyLine(23);
    String line2 = bodyLine(24);
    String encrypted = String.join("\n", armour("BEGIN", "ENCRYPTED"), line1, armour("END", "ENCRYPTED"));
    String plain = String.join("\n", armour("BEGIN", "EC"), line2, armour("END", "EC"));
    assertThat(found(recognizer, plain)).containsExactly(line2);
    assertThat(found(recognizer, encrypted + "\n" + plain)).containsExactly(line2);
  }

  @Test
  void shouldReportALoneBodyLineThoughItsKeyMayBeEncrypted() {
    // one line alone cannot show whether its block was encrypted: it is reported as key material
    String line = bodyLine(25);
    assertThat(found(recognizer, line)).containsExactly(line);
  }
}
