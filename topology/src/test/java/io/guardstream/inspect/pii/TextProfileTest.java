package io.guardstream.inspect.pii;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Base64;
import io.guardstream.inspect.pii.secret.EncodedKeyMaterialRecognizer;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class TextProfileTest {

  @Test
  void shouldMeasureRunsOfDigitsAlphanumericsAndBase64CharsInOnePass() {
    TextProfile p = TextProfile.of("call 555 12345678 or ab+/cd12== now, v1.2 DE89");
    assertThat(p.longestDigitRun()).isEqualTo(8);
    assertThat(p.longestAlnumRun()).isEqualTo(8);
    assertThat(p.longestBase64Run()).isEqualTo(8); // ab+/cd12: padding is not counted
    assertThat(p.hasDotBetweenDigits()).isTrue();
    assertThat(p.hasLetterBeforeDigit()).isTrue();

    TextProfile prose = TextProfile.of("Meet at 10. 30 people, 7 a.m. and route 6 / 9 +/ x");
    assertThat(prose.hasDotBetweenDigits()).isFalse(); // "10. 30": a space between
    assertThat(prose.hasLetterBeforeDigit()).isFalse();
    assertThat(prose.longestDigitRun()).isEqualTo(2);
    assertThat(prose.longestBase64Run()).isEqualTo(6); // "people"
  }

  @Test
  void shouldCountRunsOverNonAsciiLettersAsBroken() {
    TextProfile p = TextProfile.of("abcé123 ½/+/");
    assertThat(p.longestAlnumRun()).isEqualTo(3);
    assertThat(p.longestBase64Run()).isEqualTo(3);
    assertThat(p.letters()).isEqualTo(4);
  }

  /**
   * The profile's facts decide which recognisers run; a sharper prefilter must never skip a text
   * that the earlier one ran and in which the recogniser finds something. Random texts made of
   * near-misses and real findings of every kind are scanned by each recogniser whether or not its
   * prefilter admits the text. (The earlier prefilters are the baseline, not a guarantee: the key
   * line recogniser's count of 40 letters and digits skips a 40-char line holding slashes.)
   */
  @Test
  void shouldNeverSkipARecogniserThatWouldFindSomethingInTheText() {
    Map<EntityRecognizer, Predicate<TextProfile>> earlierPrefilter = Map.of(
        new IbanRecognizer(), p -> p.digits() >= 8,
        new IpAddressRecognizer(), p -> p.digits() >= 4 || p.colons() >= 2,
        new CryptoRecognizer(), p -> p.digits() >= 1 && p.letters() >= 10,
        new UsBankNumberRecognizer(), p -> p.digits() >= 8,
        new UsPassportRecognizer(), p -> p.digits() >= 8 && p.letters() >= 8,
        new EncodedKeyMaterialRecognizer(), p -> p.letters() + p.digits() >= 40);
    Random random = new Random(42);
    int found = 0;
    for (int round = 0; round < 3000; round++) {
      String text = randomText(random);
      TextProfile profile = TextProfile.of(text);
      for (var r : earlierPrefilter.entrySet()) {
        List<Candidate> out = new ArrayList<>();
        r.getKey().detect(text, TextProfile.of(text), out);
        if (!out.isEmpty() && r.getValue().test(profile)) {
          found++;
          assertThat(r.getKey().mightMatch(profile))
              .as("%s skips '%s' but finds %s", r.getKey().getClass().getSimpleName(), text, out).isTrue();
        }
      }
    }
    assertThat(found).as("findings in the random texts").isGreaterThan(1000);
  }

  private static String randomText(Random random) {
    String[] parts = {
      "transfer to DE89370400440532013000 today", "IBAN: GB82 WEST 1234 5698 7654 32", "DE89 3704",
      "server 192.168.0.17 is down", "fe80::1 and ::1", "10.0.0", "v1.2", "3.14",
      "send to 1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2 now", "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq",
      "routing number 021000021", "bank account 4829173650", "account 1234567",
      "My passport number is A12345678.", "passport 912803456", "passport 1234567",
      "password = hunter2!x", "-u admin:S3cret!pass", "you know", "api_key: 8fJ2kL9mQ4rT7vX1zB6nC3dF",
      "the quick brown fox", "(415) 555-0134", "+44 20 7946 0958", "2024-03-15", "\n", " ", ", ",
    };
    StringBuilder text = new StringBuilder();
    int pieces = 1 + random.nextInt(5);
    for (int p = 0; p < pieces; p++) {
      if (random.nextInt(4) == 0) {
        byte[] key = new byte[26 + random.nextInt(30)]; // base64 runs either side of the 40-char minimum
        random.nextBytes(key);
        text.append(Base64.getEncoder().encodeToString(key));
      } else {
        text.append(parts[random.nextInt(parts.length)]);
      }
      text.append(random.nextBoolean() ? " " : "\n");
    }
    return text.toString();
  }
}
