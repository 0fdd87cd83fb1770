package io.guardstream.inspect.masking;

import static org.assertj.core.api.Assertions.assertThat;

import io.guardstream.inspect.PiiFinding;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * What every operator promises, over generated texts: filler (lower-case words, punctuation, emoji:
 * no digit, '@', capital or angle bracket, so a value can never be spelt by the text around it) with
 * realistic values of each type in between, at code point offsets as the scanner reports them.
 *
 * <p>Each property runs over {@value #RUNS} samples from a seeded generator per operator; a failure names
 * its seed, so it reproduces exactly.
 */
class MaskingPropertiesTest {

  private static final int RUNS = 500;
  private static final byte[] HASH_KEY = key(1);
  private static final byte[] ENCRYPTION_KEY = key(2);
  private static final String[] FILLER = {"a", "e", "x", " ", ", ", ". ", "\n", "\uD83D\uDE00", "é"};

  /** A text with its findings, the values they cover and the text between them (one more than values). */
  record Sample(String text, List<PiiFinding> findings, List<String> values, List<String> gaps) {}

  record Value(String type, String text) {}

  @Test
  void shouldNeverLeaveADetectedValueInTheOutput() {
    for (MaskOperator operator : MaskOperator.values()) {
      forEachSeed(random -> {
        Sample sample = sample(random);
        String masked = masker(operator).forPrompt(tenant(random)).mask(sample.text(), sample.findings());
        for (String value : sample.values()) {
          assertThat(masked).as("%s on %s", operator, sample.text()).doesNotContain(value);
        }
      });
    }
  }

  @Test
  void shouldKeepTextOutsideTheSpansByteForByte() {
    for (MaskOperator operator : MaskOperator.values()) {
      forEachSeed(random -> {
        Sample sample = sample(random);
        String masked = masker(operator).irreversible(tenant(random)).mask(sample.text(), sample.findings());
        List<String> gaps = sample.gaps();
        assertThat(masked).startsWith(gaps.get(0)).endsWith(gaps.get(gaps.size() - 1));
        int cursor = gaps.get(0).length();
        for (int i = 1; i < gaps.size(); i++) {
          int at = masked.indexOf(gaps.get(i), cursor);
          assertThat(at).as("%s: gap %d %s in %s", operator, i, gaps.get(i), masked).isGreaterThanOrEqualTo(cursor);
          cursor = at + gaps.get(i).length();
        }
      });
    }
  }

  @Test
  void shouldRestoreTheExactTextFromEncryptedPlaceholders() {
    forEachSeed(random -> {
      Sample sample = sample(random);
      Masker masker = masker(MaskOperator.ENCRYPT);
      MaskingSession session = masker.forPrompt(tenant(random));
      String masked = session.mask(sample.text(), sample.findings());
      String vault = session.sealedVault("req-1");
      assertThat(restore(masker, masked, vault)).isEqualTo(sample.text());
    });
  }

  @Test
  void shouldRoundTripAnyMappingThroughTheVault() {
    var vault = new Deanonymizer(ENCRYPTION_KEY);
    forEachSeed(random -> {
      Map<String, String> placeholders = new HashMap<>();
      for (int i = random.nextInt(6); i > 0; i--) {
        placeholders.put(anyString(random), anyString(random));
      }
      String requestId = anyString(random);
      try {
        assertThat(vault.open(vault.seal(placeholders, requestId), requestId)).isEqualTo(placeholders);
      } catch (GeneralSecurityException e) {
        throw new AssertionError(e);
      }
    });
  }

  @Test
  void shouldGiveTheSamePseudonymPerTenantAndADifferentOneAcrossTenants() {
    forEachSeed(random -> {
      Value value = value(random);
      String tenant = tenant(random);
      String other = tenant(random);
      String first = new TenantPseudonyms(HASH_KEY).pseudonym(tenant, value.type(), value.text());
      // a second instance, as after a restart: stability cannot depend on state kept in memory
      assertThat(new TenantPseudonyms(HASH_KEY).pseudonym(tenant, value.type(), value.text())).isEqualTo(first);
      if (!other.equals(tenant)) {
        assertThat(new TenantPseudonyms(HASH_KEY).pseudonym(other, value.type(), value.text())).isNotEqualTo(first);
      }
    });
  }

  private interface Check {
    void run(Random random);
  }

  private static void forEachSeed(Check check) {
    for (long seed = 0; seed < RUNS; seed++) {
      try {
        check.run(new Random(seed));
      } catch (AssertionError e) {
        throw new AssertionError("seed " + seed + ": " + e.getMessage(), e);
      }
    }
  }

  private static String restore(Masker masker, String masked, String vault) {
    try {
      return masker.vault().restore(masked, vault, "req-1");
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  private static Sample sample(Random random) {
    List<String> fillers = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      fillers.add(filler(random));
    }
    StringBuilder text = new StringBuilder(fillers.get(0));
    List<PiiFinding> findings = new ArrayList<>();
    List<String> gaps = new ArrayList<>(List.of(fillers.get(0)));
    List<String> texts = new ArrayList<>();
    for (int i = 0, n = random.nextInt(6); i < n; i++) {
      Value v = value(random);
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
  private static String filler(Random random) {
    StringBuilder s = new StringBuilder();
    for (int i = random.nextInt(7); i > 0; i--) {
      s.append(FILLER[random.nextInt(FILLER.length)]);
    }
    return s.toString();
  }

  private static Value value(Random random) {
    Supplier<String> d3 = () -> digits(random, 3);
    Supplier<String> d4 = () -> digits(random, 4);
    Supplier<String> lower = () -> letters(random, 'a', 1 + random.nextInt(8));
    Supplier<String> name = () -> letters(random, 'A', 1) + letters(random, 'a', 2 + random.nextInt(7));
    Supplier<Integer> octet = () -> random.nextInt(256);
    return switch (random.nextInt(9)) {
      case 0 -> new Value("US_SSN", d3.get() + "-" + digits(random, 2) + "-" + d4.get());
      case 1 -> new Value("CREDIT_CARD", d4.get() + " " + d4.get() + " " + d4.get() + " " + d4.get());
      case 2 -> new Value("PHONE_NUMBER", "+1 (" + d3.get() + ") " + d3.get() + "-" + d4.get());
      case 3 -> new Value("EMAIL_ADDRESS", lower.get() + "@" + lower.get() + ".example");
      case 4 -> new Value("IBAN_CODE", "DE" + digits(random, 2) + " " + d4.get() + " " + d4.get() + " " + d4.get() + " "
          + d4.get() + " 00");
      case 5 -> new Value("IP_ADDRESS", octet.get() + "." + octet.get() + "." + octet.get() + "." + octet.get());
      case 6 -> new Value("PERSON", name.get() + " " + name.get());
      case 7 -> new Value("URL", "https://" + lower.get() + ".example/u/" + alphanumeric(random, 12) + "?q=1");
      default -> new Value("SECRET", "Zq9" + alphanumeric(random, 24));
    };
  }

  private static String tenant(Random random) {
    return letters(random, 'a', 1 + random.nextInt(8));
  }

  private static String digits(Random random, int n) {
    return chars(random, "0123456789", n);
  }

  private static String letters(Random random, char from, int n) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < n; i++) {
      s.append((char) (from + random.nextInt(26)));
    }
    return s.toString();
  }

  private static String alphanumeric(Random random, int n) {
    return chars(random, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", n);
  }

  private static String chars(Random random, String alphabet, int n) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < n; i++) {
      s.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return s.toString();
  }

  /** Any text, surrogate pairs and control characters included. */
  private static String anyString(Random random) {
    StringBuilder s = new StringBuilder();
    for (int i = random.nextInt(12); i > 0; i--) {
      s.appendCodePoint(random.nextInt(4) == 0 ? 0x1F600 + random.nextInt(50) : random.nextInt(0x3000));
    }
    return s.toString();
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
