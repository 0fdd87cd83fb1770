package io.guardstream.inspect.pii.secret;

import static io.guardstream.inspect.pii.Detections.found;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Token fixtures are assembled at run time so the source itself holds no scanner-shaped secret. */
class ProviderTokenRecognizerTest {

  private static final ProviderTokenRecognizer RECOGNIZER = new ProviderTokenRecognizer();
  private static final String B62 = "q7Lm2XvR9tKp4WzN8bYc3HsJ6dFg1QaE";

  @ParameterizedTest
  @ValueSource(strings = {"AKIA", "ASIA"})
  void shouldFindAwsAccessKeyId(String prefix) {
    String key = prefix + "Q3VZ7T2M5K8N4P6R";
    assertThat(found(RECOGNIZER, "aws_access_key_id = " + key)).containsExactly(key);
  }

  @Test
  void shouldFindWellKnownPrefixes() {
    String[] tokens = {
      "ghp_" + B62 + "Ab12",
      "glpat-" + "8d5ri2n9g85LAnC9YW85",
      "xoxb-" + "2048-1234-" + B62,
      "sk-proj-" + B62 + "x9",
      "AIza" + "SyD" + B62,
      "hf_" + B62,
      "sk_live_" + B62,
    };
    for (String token : tokens) {
      assertThat(found(RECOGNIZER, "token: " + token + " # prod")).as(token).containsExactly(token);
    }
  }

  @Test
  void shouldFindPrefixesThatShareAFirstLetterSideBySide() {
    // word starts are turned away on their second letter unless some prefix has it
    String[] tokens = {"ghp_" + B62 + "Ab12", "glpat-" + "8d5ri2n9g85LAnC9YW85", "sk-proj-" + B62 + "x9",
      "sk_live_" + B62};
    String text = "gh gl sk ghx glp skx " + String.join(" and ", tokens) + " go skip";
    assertThat(found(RECOGNIZER, text)).containsExactly(tokens);
  }

  @Test
  void shouldTreatNonAsciiLettersBeforeAPrefixAsPartOfTheWord() {
    // ASCII neighbours are classified without the Unicode tables; the rest still use them
    String token = "ghp_" + B62 + "Ab12";
    assertThat(found(RECOGNIZER, "é" + token)).isEmpty();
    assertThat(found(RECOGNIZER, "ж" + token)).isEmpty();
    assertThat(found(RECOGNIZER, "—" + token)).containsExactly(token);
    assertThat(found(RECOGNIZER, "_" + token)).containsExactly(token);
  }

  @Test
  void shouldFindAGuardstreamApiKeyPastedIntoAPrompt() {
    String key = io.guardstream.auth.ApiKeys.generate();
    assertThat(found(RECOGNIZER, "my key is " + key + " please debug")).containsExactly(key);
  }

  @Test
  void shouldNotMatchPrefixInsideWord() {
    assertThat(found(RECOGNIZER, "task-" + B62 + B62)).isEmpty();
    assertThat(found(RECOGNIZER, "MYAKIA" + "Q3VZ7T2M5K8N4P6R")).isEmpty();
  }

  @Test
  void shouldNotFlagDocumentationPlaceholders() {
    assertThat(found(RECOGNIZER, "AKIA" + "IOSFODNN7EXAMPLE")).isEmpty();
    assertThat(found(RECOGNIZER, "sk-" + "1234567890abcdefghijklmnop")).isEmpty();
    assertThat(found(RECOGNIZER, "ghp_" + "x".repeat(36))).isEmpty();
  }

  @Test
  void shouldNotFlagTokenThatContinuesAsHostName() {
    assertThat(found(RECOGNIZER, "akab-" + "h5stbzeswb3v4kj3-tblc7jkffv3wfxh3.drain.akamaiapis.net")).isEmpty();
  }

  @Test
  void shouldFindTokenAfterAnsiColourCode() {
    String token = "sk-" + "615ef152bf865a131f88b23571dc4ee6";
    assertThat(found(RECOGNIZER, ">>>\u001b[93m" + token + "\u001b[0m<<<")).containsExactly(token);
  }

  @Test
  void shouldFindFormatsWithoutFixedPrefix() {
    String telegram = "508627689:AA" + "EuLPKs-EhrjrYGnz60bnYNZqakf6HJxc0";
    assertThat(found(RECOGNIZER, "bot " + telegram)).containsExactly(telegram);
  }

  @Test
  void shouldLoadEveryRule() {
    assertThat(RECOGNIZER.ruleCount()).isGreaterThan(80);
  }

  @Test
  void shouldNotFlagPrefixFollowedByDigitsOnlyOrAFewRepeatedSymbols() {
    String digits = "hf_" + "3478658437658347638475687346587374";
    String binary = "ghp_" + "1010110010001010101001010101010101011001";
    assertThat(found(RECOGNIZER, digits)).isEmpty();
    assertThat(found(RECOGNIZER, binary + " # random")).isEmpty();
    String real = "ghp_" + B62 + "Ab12";
    assertThat(found(RECOGNIZER, real + " # random")).containsExactly(real);
  }
}
