package io.guardstream.inspect.pii.secret;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretValuesTest {

  private static boolean random(String s, int min) {
    return SecretValues.looksRandom(s, 0, s.length(), min);
  }

  @Test
  void shouldTellRandomTokensFromWordsAndPatterns() {
    assertThat(random("AIhq5Xyb1Gga9Q29", 10)).isTrue();
    assertThat(random("fa87409ad3a4589fd279c501b3d2e174855ee9f4", 10)).isTrue();
    assertThat(random("attached_file_0", 10)).isFalse();
    assertThat(random("aaaaaaaaaaaaaaaa", 10)).isFalse();
    assertThat(random("abcdef1234567890", 10)).isFalse();
    assertThat(random("Short1", 10)).isFalse();
  }

  @Test
  void shouldRecognisePlaceholders() {
    assertThat(SecretValues.isPlaceholder("your-api-key-here", 0, 17)).isTrue();
    assertThat(SecretValues.isPlaceholder("AKIAIOSFODNN7EXAMPLE", 0, 20)).isTrue();
    assertThat(SecretValues.isPlaceholder("${TOKEN}", 0, 8)).isTrue();
    assertThat(SecretValues.isPlaceholder("Zx9!qWe7", 0, 8)).isFalse();
  }

  @Test
  void shouldMeasureEntropyInBitsPerCharacter() {
    assertThat(SecretValues.entropy("aaaa", 0, 4)).isZero();
    assertThat(SecretValues.entropy("abcd", 0, 4)).isEqualTo(2.0);
  }

  @Test
  void shouldDetectSequentialRuns() {
    assertThat(SecretValues.hasSequentialRun("x12345y", 0, 7, 5)).isTrue();
    assertThat(SecretValues.hasSequentialRun("x98765y", 0, 7, 5)).isTrue();
    assertThat(SecretValues.hasSequentialRun("q7Lm2XvR9tKp", 0, 12, 5)).isFalse();
  }
}
