package io.guardstream.inspect.masking;

import static org.assertj.core.api.Assertions.assertThat;

import io.guardstream.inspect.PiiFinding;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * What every operator promises, over generated texts: filler (lower-case words, punctuation, emoji:
 * no digit, '@', capital or angle bracket, so a value can never be spelt by the text around it) with
 * realistic values of each type in between, at code point offsets as the scanner reports them.
 */
class MaskingPropertiesTest {

  private static final byte[] HASH_KEY = key(1);
  private static final byte[] ENCRYPTION_KEY = key(2);

  /** A text with its findings, the values they cover and the text between them (one more than values). */
  record Sample(String text, List<PiiFinding> findings, List<String> values, List<String> gaps) {}

  record Value(String type, String text) {}

  @Property
  void shouldNeverLeaveADetectedValueInTheOutput(@ForAll MaskOperator operator, @ForAll("samples") Sample sample,
      @ForAll("tenants") String tenant) {
    String masked = masker(operator).forPrompt(tenant).mask(sample.text(), sample.findings());
    for (String value : sample.values()) {
      assertThat(masked).doesNotContain(value);
    }
  }

  @Property
  void shouldKeepTextOutsideTheSpansByteForByte(@ForAll MaskOperator operator, @ForAll("samples") Sample sample,
      @ForAll("tenants") String tenant) {
    String masked = masker(operator).irreversible(tenant).mask(sample.text(), sample.findings());
    List<String> gaps = sample.gaps();
    assertThat(masked).startsWith(gaps.get(0)).endsWith(gaps.get(gaps.size() - 1));
    int cursor = gaps.get(0).length();
    for (int i = 1; i < gaps.size(); i++) {
      int at = masked.indexOf(gaps.get(i), cursor);
      assertThat(at).as("gap %d %s in %s", i, gaps.get(i), masked).isGreaterThanOrEqualTo(cursor);
      cursor = at + gaps.get(i).length();
    }
  }

  @Property
  void shouldRestoreTheExactTextFromEncryptedPlaceholders(@ForAll("samples") Sample sample,
      @ForAll("tenants") String tenant) throws GeneralSecurityException {
    Masker masker = masker(MaskOperator.ENCRYPT);
    MaskingSession session = masker.forPrompt(tenant);
    String masked = session.mask(sample.text(), sample.findings());
    String vault = session.sealedVault("req-1");
    assertThat(masker.vault().restore(masked, vault, "req-1")).isEqualTo(sample.text());
  }

  @Property
  void shouldRoundTripAnyMappingThroughTheVault(@ForAll Map<String, String> placeholders, @ForAll String requestId)
      throws GeneralSecurityException {
    var vault = new Deanonymizer(ENCRYPTION_KEY);
    assertThat(vault.open(vault.seal(placeholders, requestId), requestId)).isEqualTo(placeholders);
  }

  @Property
  void shouldGiveTheSamePseudonymPerTenantAndADifferentOneAcrossTenants(@ForAll("values") Value value,
      @ForAll("tenants") String tenant, @ForAll("tenants") String other) {
    String first = new TenantPseudonyms(HASH_KEY).pseudonym(tenant, value.type(), value.text());
    // a second instance, as after a restart: stability cannot depend on state kept in memory
    assertThat(new TenantPseudonyms(HASH_KEY).pseudonym(tenant, value.type(), value.text())).isEqualTo(first);
    if (!other.equals(tenant)) {
      assertThat(new TenantPseudonyms(HASH_KEY).pseudonym(other, value.type(), value.text())).isNotEqualTo(first);
    }
  }

  @Provide
  Arbitrary<String> tenants() {
    return Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(8);
  }

  @Provide
  Arbitrary<Sample> samples() {
    return Combinators.combine(values().list().ofMaxSize(5), filler().list().ofSize(6)).as(MaskingPropertiesTest::sample);
  }

  private static Sample sample(List<Value> values, List<String> fillers) {
    StringBuilder text = new StringBuilder(fillers.get(0));
    List<PiiFinding> findings = new ArrayList<>();
    List<String> gaps = new ArrayList<>(List.of(fillers.get(0)));
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      Value v = values.get(i);
      int start = text.codePointCount(0, text.length());
      text.append(v.text());
      findings.add(new PiiFinding(v.type(), start, start + v.text().codePointCount(0, v.text().length()), 0.9));
      texts.add(v.text());
      text.append(fillers.get(i + 1));
      gaps.add(fillers.get(i + 1));
    }
    return new Sample(text.toString(), findings, texts, gaps);
  }

  /** Between values: anything but what values are made of, emoji included to test code point offsets. */
  private static Arbitrary<String> filler() {
    return Arbitraries.of("a", "e", "x", " ", ", ", ". ", "\n", "\uD83D\uDE00", "é")
        .list().ofMaxSize(6).map(parts -> String.join("", parts));
  }

  @Provide
  Arbitrary<Value> values() {
    Arbitrary<String> d3 = Arbitraries.strings().numeric().ofLength(3);
    Arbitrary<String> d4 = Arbitraries.strings().numeric().ofLength(4);
    Arbitrary<String> lower = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(8);
    Arbitrary<String> name = Combinators.combine(Arbitraries.chars().range('A', 'Z'),
        Arbitraries.strings().withCharRange('a', 'z').ofMinLength(2).ofMaxLength(8)).as((c, s) -> c + s);
    Arbitrary<Integer> octet = Arbitraries.integers().between(0, 255);
    return Arbitraries.oneOf(
        Combinators.combine(d3, Arbitraries.strings().numeric().ofLength(2), d4)
            .as((a, b, c) -> new Value("US_SSN", a + "-" + b + "-" + c)),
        Combinators.combine(d4, d4, d4, d4).as((a, b, c, e) -> new Value("CREDIT_CARD", a + " " + b + " " + c + " " + e)),
        Combinators.combine(d3, d3, d4).as((a, b, c) -> new Value("PHONE_NUMBER", "+1 (" + a + ") " + b + "-" + c)),
        Combinators.combine(lower, lower).as((l, h) -> new Value("EMAIL_ADDRESS", l + "@" + h + ".example")),
        Combinators.combine(Arbitraries.strings().numeric().ofLength(2), d4, d4, d4, d4)
            .as((c, a, b, e, f) -> new Value("IBAN_CODE", "DE" + c + " " + a + " " + b + " " + e + " " + f + " 00")),
        Combinators.combine(octet, octet, octet, octet).as((a, b, c, e) -> new Value("IP_ADDRESS", a + "." + b + "." + c + "." + e)),
        Combinators.combine(name, name).as((f, l) -> new Value("PERSON", f + " " + l)),
        Combinators.combine(lower, Arbitraries.strings().alpha().numeric().ofLength(12))
            .as((h, p) -> new Value("URL", "https://" + h + ".example/u/" + p + "?q=1")),
        Arbitraries.strings().alpha().numeric().ofLength(24).map(s -> new Value("SECRET", "Zq9" + s)));
  }

  private static Masker masker(MaskOperator operator) {
    var policy = new MaskingPolicy(new MaskingPolicy.Rules(operator, Map.of()), Map.of());
    return new Masker(policy, new TenantPseudonyms(HASH_KEY), new Deanonymizer(ENCRYPTION_KEY));
  }

  private static byte[] key(int seed) {
    byte[] key = new byte[32];
    for (int i = 0; i < key.length; i++) {
      key[i] = (byte) (i * 31 + seed);
    }
    return key;
  }
}
