package io.guardstream.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.guardstream.inspect.pii.PiiScanner;
import java.util.List;
import org.junit.jupiter.api.Test;

class MaskingTest {

  @Test
  void shouldReplaceSpanByTypeTag() {
    String text = "mail a@b.io now";
    assertThat(Masking.mask(text, List.of(new PiiFinding("EMAIL_ADDRESS", 5, 11, 0.9))))
        .isEqualTo("mail <EMAIL_ADDRESS> now");
  }

  @Test
  void shouldMaskByCodePointsWhenEmojiPrecedesSpan() {
    String text = "\uD83D\uDE00 SSN 536-32-3065!";
    // the emoji is one code point: the SSN starts at code point 6, char 7
    assertThat(Masking.mask(text, List.of(new PiiFinding("US_SSN", 6, 17, 0.9))))
        .isEqualTo("\uD83D\uDE00 SSN <US_SSN>!");
  }

  @Test
  void shouldMaskScannerOutputEndToEnd() {
    String text = "\uD83D\uDC4B hi, I'm at jane@corp.io, card 4111 1111 1111 1111 \uD83D\uDE80";
    assertThat(Masking.mask(text, new PiiScanner().scan(text)))
        .isEqualTo("\uD83D\uDC4B hi, I'm at <EMAIL_ADDRESS>, card <CREDIT_CARD> \uD83D\uDE80");
  }

  @Test
  void shouldSortUnsortedFindings() {
    String text = "a@b.io and c@d.io";
    assertThat(Masking.mask(text, List.of(
            new PiiFinding("EMAIL_ADDRESS", 11, 17, 0.9), new PiiFinding("EMAIL_ADDRESS", 0, 6, 0.9))))
        .isEqualTo("<EMAIL_ADDRESS> and <EMAIL_ADDRESS>");
  }

  @Test
  void shouldMergeOverlappingFindingsSoNothingLeaks() {
    String text = "token abcdef123456 end";
    assertThat(Masking.mask(text, List.of(
            new PiiFinding("SECRET", 6, 12, 0.9), new PiiFinding("URL", 9, 18, 0.5))))
        .isEqualTo("token <SECRET> end");
  }

  @Test
  void shouldReturnTextUnchangedWithoutFindings() {
    assertThat(Masking.mask("plain", List.of())).isEqualTo("plain");
  }

  @Test
  void shouldRejectFindingOutsideText() {
    assertThatThrownBy(() -> Masking.mask("short", List.of(new PiiFinding("URL", 2, 9, 0.5))))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
