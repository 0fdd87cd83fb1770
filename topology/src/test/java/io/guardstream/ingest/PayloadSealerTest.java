package io.guardstream.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import org.junit.jupiter.api.Test;

class PayloadSealerTest {

  private final byte[] key = new byte[32];
  private final PayloadSealer sealer = new PayloadSealer(key);

  @Test
  void shouldOpenWhatItSealedAndHideThePlaintext() throws Exception {
    byte[] payload = "token sk-live-123 and jane@example.com".getBytes(StandardCharsets.UTF_8);
    String sealed = sealer.seal(payload, "llm.requests/0/42");
    assertThat(sealed).doesNotContain("jane").doesNotContain("sk-live");
    assertThat(sealer.open(sealed, "llm.requests/0/42")).isEqualTo(payload);
    assertThat(sealer.seal(payload, "llm.requests/0/42")).as("fresh nonce each time").isNotEqualTo(sealed);
  }

  @Test
  void shouldRefuseToOpenWithAnotherOriginOrKey() {
    String sealed = sealer.seal(new byte[] {1, 2, 3}, "llm.requests/0/42");
    assertThatThrownBy(() -> sealer.open(sealed, "llm.requests/0/43")).isInstanceOf(GeneralSecurityException.class);
    byte[] other = new byte[32];
    other[0] = 1;
    assertThatThrownBy(() -> new PayloadSealer(other).open(sealed, "llm.requests/0/42"))
        .isInstanceOf(GeneralSecurityException.class);
  }
}
