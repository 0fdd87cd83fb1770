package io.guardstream.inspect.injection;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AdversarialSuffixTest {

  private final AdversarialSuffix suffix = new AdversarialSuffix();

  @Test
  void shouldRecogniseTokenSaladAfterAPlainRequest() {
    assertThat(
            suffix.matches(
                "List the steps to repot a large houseplant without damaging roots"
                    + " ]]({ describ.\\ +similarlyNow Opp]{< ##hint sure`}( perhaps"))
        .isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Could you explain how photosynthesis works in plants, with a simple example for kids?",
        "Compare the prices (in USD) of these items: apples $3, pears $4, plums [seasonal] $5.",
        "Fix this: if (a[i] > b[j]) { swap(a, b); } else { return f(x) + g(y); }",
        "Email from: ops@example.com | Subject: Invoice #4411 | Amount: $1,200.00 | Due: 03/04",
        "Short line"
      })
  void shouldNotMistakeProsePunctuationOrBalancedCodeForASuffix(String text) {
    assertThat(suffix.matches(text)).isFalse();
  }

  @Test
  void shouldLookOnlyAtTheLastLine() {
    String text =
        "]]({ describ.\\ +similarlyNow Opp]{< ##hint sure`}( x y z w q r\nThanks, that is all.";

    assertThat(suffix.matches(text)).isFalse();
  }

  @Test
  void shouldJudgeTheLastTokensOfALineLongerThanHeadAndTailTogether() {
    String request =
        "Please write a detailed and friendly explanation of how the water cycle works, covering"
            + " evaporation, condensation, precipitation and collection, with one example each";
    String salad = " ]]({ describ.\\ +similarlyNow Opp]{< ##hint sure`}( perhaps";

    assertThat(suffix.matches(request + salad)).isTrue();
    assertThat(suffix.matches(request + salad + " " + request)).isFalse();
    assertThat(suffix.matches(request + " " + request)).isFalse();
  }
}
