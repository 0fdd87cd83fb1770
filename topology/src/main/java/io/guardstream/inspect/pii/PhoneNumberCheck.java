package io.guardstream.inspect.pii;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.List;

/**
 * Confirms a phone-shaped candidate with libphonenumber, after {@link PhoneRecognizer}'s cheap shape
 * tests have found it, so that the parser runs on a handful of candidates and never on plain text.
 *
 * <p>A number written with '+' is parsed as international; any other is tried as a national number
 * (or one dialled with that region's exit code, such as 00 or 011) of the regions prompts most often
 * come from, until one finds it valid. {@link Result#VALID}: a real number plan's number (an assigned area code, a mobile range).
 * {@link Result#POSSIBLE}: the right length for some region's plan, but not an assigned range; many
 * test and made-up numbers people paste are like that, and they are still someone's format, so they
 * are kept. {@link Result#IMPOSSIBLE}: no region would dial it, so it is not a phone number.
 * Thread-safe (PhoneNumberUtil is, and loads each region's metadata once).
 */
final class PhoneNumberCheck {

  enum Result { VALID, POSSIBLE, IMPOSSIBLE }

  /**
   * Where an unprefixed number is tried, in order: North America first, as in the recogniser's
   * shapes. Each try is a parse of about 10 µs, so the list is short; on the PII dev set six regions
   * find 157 of 181 labelled numbers valid and twenty only 163, and the rest are possible anyway.
   */
  private static final List<String> REGIONS = List.of("US", "GB", "DE", "FR", "IN", "AU");

  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

  private PhoneNumberCheck() {}

  static Result check(CharSequence number) {
    if (number.length() > 0 && number.charAt(0) == '+') {
      return check(number, "ZZ"); // international: the region is not needed
    }
    Result best = Result.IMPOSSIBLE;
    for (String region : REGIONS) {
      Result r = check(number, region);
      if (r == Result.VALID) {
        return r;
      }
      if (r == Result.POSSIBLE) {
        best = r;
      }
    }
    return best;
  }

  private static Result check(CharSequence number, String region) {
    try {
      PhoneNumber parsed = UTIL.parse(number, region);
      if (UTIL.isValidNumber(parsed)) {
        return Result.VALID;
      }
      return UTIL.isPossibleNumber(parsed) ? Result.POSSIBLE : Result.IMPOSSIBLE;
    } catch (NumberParseException e) {
      return Result.IMPOSSIBLE;
    }
  }
}
