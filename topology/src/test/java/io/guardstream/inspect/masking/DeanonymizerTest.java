package io.guardstream.inspect.masking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.GeneralSecurityException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeanonymizerTest {

  private static final byte[] KEY = new byte[48];
  private final Deanonymizer vault = new Deanonymizer(KEY);
  private final Map<String, String> mapping = Map.of("<EMAIL_ADDRESS_1>", "jane@corp.example", "<US_SSN_1>", "536-32-6789");

  @Test
  void shouldRestoreTheCallersValuesInTheAnswer() throws GeneralSecurityException {
    String blob = vault.seal(mapping, "req-1");
    assertThat(vault.restore("Sent to <EMAIL_ADDRESS_1> (SSN <US_SSN_1>); <PERSON> and a < b > c stay.", blob, "req-1"))
        .isEqualTo("Sent to jane@corp.example (SSN 536-32-6789); <PERSON> and a < b > c stay.");
  }

  @Test
  void shouldNotRevealTheValuesInTheBlob() {
    String blob = vault.seal(mapping, "req-1");
    assertThat(blob).startsWith("gsv1.").doesNotContain("jane").doesNotContain("6789");
    assertThat(vault.seal(mapping, "req-1")).as("a fresh nonce each time").isNotEqualTo(blob);
  }

  @Test
  void shouldRefuseTheBlobOfAnotherRequest() {
    String blob = vault.seal(mapping, "req-1");
    assertThatThrownBy(() -> vault.open(blob, "req-2")).isInstanceOf(GeneralSecurityException.class);
  }

  @Test
  void shouldRefuseATamperedBlobOrAnotherKey() {
    String blob = vault.seal(mapping, "req-1");
    char last = blob.charAt(blob.length() - 2);
    String tampered = blob.substring(0, blob.length() - 2) + (last == 'A' ? 'B' : 'A') + blob.charAt(blob.length() - 1);
    assertThatThrownBy(() -> vault.open(tampered, "req-1")).isInstanceOf(GeneralSecurityException.class);
    byte[] other = new byte[32];
    other[0] = 1;
    assertThatThrownBy(() -> new Deanonymizer(other).open(blob, "req-1")).isInstanceOf(GeneralSecurityException.class);
    assertThatThrownBy(() -> vault.open("not a blob", "req-1")).isInstanceOf(GeneralSecurityException.class);
  }

  @Test
  void shouldLeaveAnAnswerWithoutPlaceholdersAsItIs() throws GeneralSecurityException {
    assertThat(vault.restore("no brackets here", "ignored: never opened", "req-1")).isEqualTo("no brackets here");
  }
}
