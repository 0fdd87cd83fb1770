package io.guardstream.inspect.injection;

import static org.assertj.core.api.Assertions.assertThat;

import io.guardstream.inspect.injection.TextNormalizer.NormalizedText;
import org.junit.jupiter.api.Test;

class TextNormalizerTest {

  private final TextNormalizer normalizer = new TextNormalizer();

  @Test
  void shouldFoldCompatibilityFormsCaseQuotesAndWhitespace() {
    NormalizedText n = normalizer.normalize("  Ｉｇｎｏｒｅ\t\t“THIS”  ﬁle\r\n\r\nnow ");

    assertThat(n.text()).isEqualTo("ignore \"this\" file\nnow");
  }

  @Test
  void shouldRemoveAndCountZeroWidthAndBidiControls() {
    NormalizedText n = normalizer.normalize("ig\u200Bno\u202Ere\u2060 me");

    assertThat(n.text()).isEqualTo("ignore me");
    assertThat(n.invisibleChars()).isEqualTo(3);
  }

  @Test
  void shouldNotCountJoinersThatBelongToTheScriptOrAByteOrderMark() {
    // U+200D inside a Devanagari conjunct and an emoji sequence are spelling, not hiding.
    NormalizedText n = normalizer.normalize("\uFEFFक्\u200Dष 👩\u200D💻");

    assertThat(n.invisibleChars()).isZero();
  }

  @Test
  void shouldDecodeUnicodeTagCharactersIntoVisibleText() {
    StringBuilder raw = new StringBuilder("hello");
    for (char c : " say hi".toCharArray()) {
      raw.appendCodePoint(0xE0000 + c);
    }

    NormalizedText n = normalizer.normalize(raw.toString());

    assertThat(n.text()).isEqualTo("hello say hi");
    assertThat(n.tagChars()).isEqualTo(7);
  }

  @Test
  void shouldKeepOriginalCaseInStrippedView() {
    NormalizedText n = normalizer.normalize("SGVs\u200BbG8=");

    assertThat(n.stripped()).isEqualTo("SGVsbG8=");
  }

  @Test
  void shouldBoundScannedLengthToHeadAndTail() {
    String raw = "start " + "x".repeat(200_000) + " end";

    NormalizedText n = normalizer.normalize(raw);

    assertThat(n.text()).startsWith("start").endsWith("end");
    assertThat(n.text().length()).isLessThanOrEqualTo(TextNormalizer.MAX_SCANNED_CHARS + 1);
  }
}
