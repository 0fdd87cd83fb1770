package io.guardstream.inspect.pii;

import java.util.List;
import java.util.Map;

/**
 * International bank account numbers: a country code, two check digits and the country's BBAN,
 * printed contiguously or in groups of four. The length must be the country's registered length
 * and the ISO 13616 mod-97 check must hold, so a random code that looks like an IBAN is rejected.
 */
public final class IbanRecognizer implements EntityRecognizer {

  public static final String TYPE = "IBAN_CODE";
  private static final double SCORE = 0.95;
  private static final int MAX_LENGTH = 34;

  /** IBAN lengths from the SWIFT IBAN registry. */
  private static final Map<String, Integer> LENGTHS = Map.ofEntries(
      Map.entry("AD", 24), Map.entry("AE", 23), Map.entry("AL", 28), Map.entry("AT", 20),
      Map.entry("AZ", 28), Map.entry("BA", 20), Map.entry("BE", 16), Map.entry("BG", 22),
      Map.entry("BH", 22), Map.entry("BI", 27), Map.entry("BR", 29), Map.entry("BY", 28),
      Map.entry("CH", 21), Map.entry("CR", 22), Map.entry("CY", 28), Map.entry("CZ", 24),
      Map.entry("DE", 22), Map.entry("DJ", 27), Map.entry("DK", 18), Map.entry("DO", 28),
      Map.entry("EE", 20), Map.entry("EG", 29), Map.entry("ES", 24), Map.entry("FI", 18),
      Map.entry("FK", 18), Map.entry("FO", 18), Map.entry("FR", 27), Map.entry("GB", 22),
      Map.entry("GE", 22), Map.entry("GI", 23), Map.entry("GL", 18), Map.entry("GR", 27),
      Map.entry("GT", 28), Map.entry("HR", 21), Map.entry("HU", 28), Map.entry("IE", 22),
      Map.entry("IL", 23), Map.entry("IQ", 23), Map.entry("IS", 26), Map.entry("IT", 27),
      Map.entry("JO", 30), Map.entry("KW", 30), Map.entry("KZ", 20), Map.entry("LB", 28),
      Map.entry("LC", 32), Map.entry("LI", 21), Map.entry("LT", 20), Map.entry("LU", 20),
      Map.entry("LV", 21), Map.entry("LY", 25), Map.entry("MC", 27), Map.entry("MD", 24),
      Map.entry("ME", 22), Map.entry("MK", 19), Map.entry("MN", 20), Map.entry("MR", 27),
      Map.entry("MT", 31), Map.entry("MU", 30), Map.entry("NI", 28), Map.entry("NL", 18),
      Map.entry("NO", 15), Map.entry("OM", 23), Map.entry("PK", 24), Map.entry("PL", 28),
      Map.entry("PS", 29), Map.entry("PT", 25), Map.entry("QA", 29), Map.entry("RO", 24),
      Map.entry("RS", 22), Map.entry("RU", 33), Map.entry("SA", 24), Map.entry("SC", 31),
      Map.entry("SD", 18), Map.entry("SE", 24), Map.entry("SI", 19), Map.entry("SK", 24),
      Map.entry("SM", 27), Map.entry("SO", 23), Map.entry("ST", 25), Map.entry("SV", 28),
      Map.entry("TL", 23), Map.entry("TN", 24), Map.entry("TR", 26), Map.entry("UA", 29),
      Map.entry("VA", 22), Map.entry("VG", 24), Map.entry("XK", 20), Map.entry("YE", 30));

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public boolean mightMatch(TextProfile profile) {
    return profile.digits() >= 8 && profile.hasLetterBeforeDigit(); // the country code and check digits, "DE89"
  }

  @Override
  public void detect(String text, TextProfile profile, List<Candidate> out) {
    int n = text.length();
    char[] compact = new char[MAX_LENGTH];
    for (int i = 0; i + 15 <= n; i++) {
      if (!Chars.isAsciiLetter(text.charAt(i)) || !Chars.wordStartsAt(text, i)
          || !Chars.isAsciiLetter(text.charAt(i + 1)) || !Chars.isDigit(text.charAt(i + 2))
          || !Chars.isDigit(text.charAt(i + 3))) {
        continue;
      }
      Integer length = LENGTHS.get(countryCode(text, i));
      if (length == null) {
        continue;
      }
      int count = 0;
      int pos = i;
      while (pos < n && count < length) {
        char c = text.charAt(pos);
        if (Chars.isAsciiAlnum(c)) {
          compact[count++] = c;
          pos++;
        } else if (c == ' ' && count % 4 == 0 && pos + 1 < n && Chars.isAsciiAlnum(text.charAt(pos + 1))) {
          pos++;
        } else {
          break;
        }
      }
      if (count == length && Chars.wordEndsAt(text, pos) && validate(java.nio.CharBuffer.wrap(compact, 0, count))) {
        out.add(new Candidate(TYPE, i, pos, SCORE));
        i = pos;
      }
    }
  }

  @Override
  public boolean validate(CharSequence iban) {
    return Checksums.ibanMod97(iban);
  }

  private static String countryCode(String text, int i) {
    char a = Character.toUpperCase(text.charAt(i));
    char b = Character.toUpperCase(text.charAt(i + 1));
    return String.valueOf(new char[] {a, b});
  }
}
