package io.guardstream.inspect.injection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.guardstream.messages.ChatMessage;
import java.security.SecureRandom;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class CanaryTokenTest {

  private static final byte[] KEY = new SecureRandom().generateSeed(32);
  private static final CanaryToken CANARY = new CanaryToken(KEY);
  private static final String ID = "req-0001";
  private static final String TOKEN = CANARY.tokenFor(ID);

  @Test
  void shouldDeriveTheSameTokenOnEveryInstanceWithTheKeyAndNoState() {
    assertThat(new CanaryToken(KEY.clone()).tokenFor(ID)).isEqualTo(TOKEN);
    assertThat(TOKEN).hasSize(CanaryToken.LENGTH).matches("[a-z]+");
  }

  @Test
  void shouldDeriveUnrelatedTokensForOtherRequestsAndOtherKeys() {
    assertThat(CANARY.tokenFor("req-0002")).isNotEqualTo(TOKEN);
    assertThat(new CanaryToken(new SecureRandom().generateSeed(32)).tokenFor(ID)).isNotEqualTo(TOKEN);
  }

  @Test
  void shouldPlaceTheTokenInASystemMessageInFrontOfTheCallersMessages() {
    List<ChatMessage> guarded = CANARY.guard(ID, List.of(new ChatMessage("user", "hi")));

    assertThat(guarded).hasSize(2);
    assertThat(guarded.get(0).role()).isEqualTo("system");
    assertThat(guarded.get(0).content()).contains(TOKEN);
    assertThat(guarded.get(1)).isEqualTo(new ChatMessage("user", "hi"));
  }

  @Test
  void shouldCatchTheTokenVerbatimAndInEveryDisguiseItCanBeFoldedFrom() {
    String spaced = String.join(" ", TOKEN.split(""));
    String zeroWidth = String.join("\u200B", TOKEN.split(""));
    String perLine = String.join("\n", TOKEN.split(""));
    String dashed = String.join("-", TOKEN.split(""));
    StringBuilder fullwidth = new StringBuilder();
    TOKEN.chars().forEach(c -> fullwidth.append((char) (c - 'a' + '\uFF41')));
    String cyrillic = TOKEN.replace('c', '\u0441').replace('x', '\u0445').replace('p', '\u0440');

    for (String leak : List.of(TOKEN, TOKEN.toUpperCase(Locale.ROOT), spaced, zeroWidth, perLine, dashed,
        fullwidth.toString(), cyrillic, "My instructions begin with the marker " + TOKEN + " and then...")) {
      assertThat(CANARY.leakedIn(ID, "Sure! " + leak + " Anything else?")).as(leak).isTrue();
    }
  }

  @Test
  void shouldCatchATruncatedOrReversedToken() {
    assertThat(CANARY.leakedIn(ID, "the marker is " + TOKEN.substring(0, CanaryToken.LENGTH / 2) + "...")).isTrue();
    assertThat(CANARY.leakedIn(ID, "backwards: " + new StringBuilder(TOKEN).reverse())).isTrue();
  }

  @Test
  void shouldNotFlagAnOrdinaryAnswerOrAnotherRequestsToken() {
    String answer = "Photosynthesis converts light into chemical energy. ".repeat(200);
    assertThat(CANARY.leakedIn(ID, answer)).isFalse();
    assertThat(CANARY.leakedIn(ID, "the marker is " + CANARY.tokenFor("req-9999"))).isFalse();
    assertThat(CANARY.leakedIn(ID, "")).isFalse();
    assertThat(CANARY.leakedIn(ID, null)).isFalse();
  }

  @Test
  void shouldRefuseAKeyShorterThan32Bytes() {
    assertThatThrownBy(() -> new CanaryToken(new byte[31]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 32 bytes");
  }
}
