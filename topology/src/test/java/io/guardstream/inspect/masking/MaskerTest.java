package io.guardstream.inspect.masking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.guardstream.inspect.PiiFinding;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MaskerTest {

  private static final byte[] KEY = new byte[32];
  private static final String TEXT = "mail jane@corp.example, SSN 536-32-6789, again jane@corp.example";
  private static final List<PiiFinding> FINDINGS = List.of(
      new PiiFinding("EMAIL_ADDRESS", 5, 22, 0.9), new PiiFinding("US_SSN", 28, 39, 0.9),
      new PiiFinding("EMAIL_ADDRESS", 47, 64, 0.9));

  private static Masker masker(MaskOperator defaultOperator, Map<String, MaskOperator> byType,
      Map<String, MaskingPolicy.Rules> tenants) {
    return new Masker(new MaskingPolicy(new MaskingPolicy.Rules(defaultOperator, byType), tenants),
        new TenantPseudonyms(KEY), new Deanonymizer(KEY));
  }

  @Test
  void shouldApplyTheOperatorConfiguredForEachType() {
    Masker masker = masker(MaskOperator.TAG, Map.of("US_SSN", MaskOperator.PARTIAL, "EMAIL_ADDRESS", MaskOperator.REDACT), Map.of());
    assertThat(masker.forPrompt(null).mask(TEXT, FINDINGS)).isEqualTo("mail , SSN ***-**-6789, again ");
  }

  @Test
  void shouldPreferTheTenantsTypeThenTheTenantsDefaultThenTheGlobalRules() {
    var acme = new MaskingPolicy.Rules(MaskOperator.REDACT, Map.of("US_SSN", MaskOperator.PARTIAL));
    var globex = new MaskingPolicy.Rules(null, Map.of("US_SSN", MaskOperator.REDACT));
    var policy = new MaskingPolicy(new MaskingPolicy.Rules(MaskOperator.TAG, Map.of("EMAIL_ADDRESS", MaskOperator.HASH)),
        Map.of("acme", acme, "globex", globex));
    assertThat(policy.operatorFor("acme", "US_SSN")).isEqualTo(MaskOperator.PARTIAL);
    assertThat(policy.operatorFor("acme", "EMAIL_ADDRESS")).isEqualTo(MaskOperator.REDACT);
    assertThat(policy.operatorFor("globex", "EMAIL_ADDRESS")).isEqualTo(MaskOperator.HASH);
    assertThat(policy.operatorFor("globex", "PERSON")).isEqualTo(MaskOperator.TAG);
    assertThat(policy.operatorFor(null, "US_SSN")).isEqualTo(MaskOperator.TAG);
    assertThat(policy.operatorFor("initech", "EMAIL_ADDRESS")).isEqualTo(MaskOperator.HASH);
  }

  @Test
  void shouldHashTheSameValueToTheSamePseudonymWithinATenantAndApartAcrossTenants() {
    Masker masker = masker(MaskOperator.HASH, Map.of(), Map.of());
    String acme = masker.forPrompt("acme").mask(TEXT, FINDINGS);
    String globex = masker.forPrompt("globex").mask(TEXT, FINDINGS);
    assertThat(acme).matches("mail <EMAIL_ADDRESS:([0-9a-f]{16})>, SSN <US_SSN:[0-9a-f]{16}>, again <EMAIL_ADDRESS:\\1>");
    assertThat(globex.substring(0, 39)).isNotEqualTo(acme.substring(0, 39));
  }

  @Test
  void shouldHashDifferentlyWrittenFormsOfOneValueAlike() {
    var pseudonyms = new TenantPseudonyms(KEY);
    assertThat(pseudonyms.pseudonym("acme", "EMAIL_ADDRESS", "Jane@Corp.Example"))
        .isEqualTo(pseudonyms.pseudonym("acme", "EMAIL_ADDRESS", "jane@corp.example"));
    assertThat(pseudonyms.pseudonym("acme", "CREDIT_CARD", "4111 1111 1111 1111"))
        .isEqualTo(pseudonyms.pseudonym("acme", "CREDIT_CARD", "4111-1111-1111-1111"));
  }

  @Test
  void shouldNumberPlaceholdersPerTypeAndReuseThemForARepeatedValue() {
    MaskingSession session = masker(MaskOperator.ENCRYPT, Map.of(), Map.of()).forPrompt("acme");
    assertThat(session.mask(TEXT, FINDINGS)).isEqualTo("mail <EMAIL_ADDRESS_1>, SSN <US_SSN_1>, again <EMAIL_ADDRESS_1>");
    assertThat(session.mask("cc bob@corp.example", List.of(new PiiFinding("EMAIL_ADDRESS", 3, 19, 0.9))))
        .isEqualTo("cc <EMAIL_ADDRESS_2>");
    assertThat(session.placeholders()).containsOnly(
        Map.entry("<EMAIL_ADDRESS_1>", "jane@corp.example"), Map.entry("<US_SSN_1>", "536-32-6789"),
        Map.entry("<EMAIL_ADDRESS_2>", "bob@corp.example"));
  }

  @Test
  void shouldWriteTagsInsteadOfPlaceholdersWhereTextIsNeverRestored() {
    MaskingSession session = masker(MaskOperator.ENCRYPT, Map.of(), Map.of()).irreversible("acme");
    assertThat(session.mask(TEXT, FINDINGS)).isEqualTo("mail <EMAIL_ADDRESS>, SSN <US_SSN>, again <EMAIL_ADDRESS>");
    assertThat(session.sealedVault("r-1")).isNull();
  }

  @Test
  void shouldRefuseAKeyedOperatorWithoutItsKey() {
    var hashing = new MaskingPolicy(new MaskingPolicy.Rules(MaskOperator.TAG, Map.of()),
        Map.of("acme", new MaskingPolicy.Rules(MaskOperator.HASH, Map.of())));
    assertThatThrownBy(() -> new Masker(hashing, null, null)).hasMessageContaining("inspect.mask.hash.key");
    assertThatThrownBy(() -> new TenantPseudonyms(new byte[16])).hasMessageContaining("at least 32 bytes");
  }
}
