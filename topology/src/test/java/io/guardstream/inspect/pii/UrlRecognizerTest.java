package io.guardstream.inspect.pii;

import static io.guardstream.inspect.pii.Detections.found;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UrlRecognizerTest {

  private final UrlRecognizer recognizer = new UrlRecognizer();

  @Test
  void shouldFindUrlWithSchemeAndDropTrailingPunctuation() {
    assertThat(found(recognizer, "See https://www.LimitBuy.nl/path?q=1. Thanks"))
        .containsExactly("https://www.LimitBuy.nl/path?q=1");
  }

  @Test
  void shouldFindWwwUrlWithoutScheme() {
    assertThat(found(recognizer, "visit www.example.org/docs today")).containsExactly("www.example.org/docs");
  }

  @Test
  void shouldKeepBalancedParenthesesAndDropUnbalancedOne() {
    assertThat(found(recognizer, "(see https://en.wikipedia.org/wiki/Foo_(bar))"))
        .containsExactly("https://en.wikipedia.org/wiki/Foo_(bar)");
  }

  @Test
  void shouldNotFlagSchemeWithoutHost() {
    assertThat(found(recognizer, "the prefix http:// alone")).isEmpty();
  }
}
