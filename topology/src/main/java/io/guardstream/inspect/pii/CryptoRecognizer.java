package io.guardstream.inspect.pii;

import java.util.List;

/**
 * Bitcoin addresses: legacy base58 (1..., 3...) verified by their base58check checksum, and segwit
 * bech32/bech32m (bc1...) verified by BIP-173/350 checksums. A checksum makes a random
 * alphanumeric token almost never pass.
 */
public final class CryptoRecognizer implements EntityRecognizer {

  public static final String TYPE = "CRYPTO";
  private static final double SCORE = 0.95;

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public boolean mightMatch(TextProfile profile) {
    // every address is a run of 26 ASCII letters and digits at least
    return profile.digits() >= 1 && profile.letters() >= 10 && profile.longestAlnumRun() >= 26;
  }

  @Override
  public void detect(String text, TextProfile profile, List<Candidate> out) {
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if ((c != '1' && c != '3' && c != 'b' && c != 'B') || !Chars.wordStartsAt(text, i)) {
        continue;
      }
      int end = i;
      while (end < n && Chars.isAsciiAlnum(text.charAt(end))) {
        end++;
      }
      int len = end - i;
      if (Chars.wordEndsAt(text, end) && len >= 26 && len <= 90 && validate(text.subSequence(i, end))) {
        out.add(new Candidate(TYPE, i, end, SCORE));
      }
      i = end;
    }
  }

  @Override
  public boolean validate(CharSequence address) {
    int len = address.length();
    char c = address.charAt(0);
    if ((c == '1' || c == '3') && len <= 35) {
      return Checksums.base58Check(address);
    }
    if (len >= 14 && len <= 74 && (c == 'b' || c == 'B') && (address.charAt(1) | 0x20) == 'c'
        && address.charAt(2) == '1') {
      return Checksums.bech32(address);
    }
    return false;
  }
}
