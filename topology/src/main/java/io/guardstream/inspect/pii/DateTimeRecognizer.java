package io.guardstream.inspect.pii;

import java.util.List;

/**
 * Dates and times in the forms people and logs write them: ISO ({@code 2024-03-15}, with a time
 * {@code 2024-03-15T14:30:00Z}), numeric ({@code 03/15/2024}, {@code 15.03.2024}, {@code 3/15/24}),
 * with a month name ("March 15, 2024", "15th of March 2024", "Mar 15", "March 2024", after an
 * optional weekday) and times ({@code 14:30}, {@code 2:30 pm}, "11am"). Every part is range-checked
 * (month 1-12, a day the month has, hour, minute and second), and a number glued to another number
 * by the same separator is not a date, which keeps out version numbers ({@code 1.2.2024.1}), IPv4
 * and IPv6 addresses, phone numbers and decimals. A weekday's full name alone ("Monday") is a date;
 * a bare year is one only after a birth word ("born in 1977"): alone it is any number.
 *
 * <p>Scoring policy: most dates in prompts are not personal (deadlines, log lines, release dates)
 * and masking them takes from the model what it needs to answer, so a date scores 0.4, under the
 * default masking threshold ({@code inspect.pii.min.score} 0.5): {@code scan} reports it, the
 * pipeline leaves it readable. Near a birth word ("born", "DOB", "date of birth", "birthday") it is
 * personal data and scores 0.85, so it is masked.
 */
public final class DateTimeRecognizer implements EntityRecognizer {

  public static final String TYPE = "DATE_TIME";
  static final double SCORE = 0.4;
  static final double BIRTH_SCORE = 0.85;
  private static final int MIN_YEAR = 1800;
  private static final int MAX_YEAR = 2199;
  private static final ContextWords BIRTH =
      ContextWords.of("born", "dob", "d.o.b", "date of birth", "birth date", "birthdate", "birthday",
          "birthdays", "birth");
  private static final ContextWords VERSION =
      ContextWords.of("version", "ver", "v", "release", "build", "firmware", "rev");
  private static final String[] MONTHS = {"january", "february", "march", "april", "may", "june",
      "july", "august", "september", "october", "november", "december"};
  private static final String[] WEEKDAYS =
      {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
  private static final int[] DAYS_IN_MONTH = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public boolean mightMatch(TextProfile profile) {
    return profile.digits() >= 1 || profile.hasUpperCase(); // "3 March", "2 pm", "Monday"
  }

  @Override
  public void detect(String text, TextProfile profile, List<Candidate> out) {
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (!(Chars.isDigit(c) || (c >= 'A' && c <= 'Z')) || !Chars.wordStartsAt(text, i)) {
        continue;
      }
      int end = c >= 'A' ? namedDate(text, i) : numericDate(text, i);
      if (end < 0 && c < 'A') {
        end = time(text, i);
      }
      if (end < 0 && c < 'A') {
        end = birthYear(text, i);
      }
      if (end < 0) {
        if (Chars.isDigit(c)) {
          while (i + 1 < n && Chars.isDigit(text.charAt(i + 1))) {
            i++;
          }
        }
        continue;
      }
      double score = BIRTH.near(text, i, end, 40, 15) ? BIRTH_SCORE : SCORE;
      out.add(new Candidate(TYPE, i, end, score));
      i = end - 1;
    }
  }

  // ---- numeric forms ----

  /** A bare year is a date only right after a birth word ("born in 1977"); else it is any number. */
  private static int birthYear(String text, int i) {
    int end = digitsEnd(text, i, 4);
    boolean year = end - i == 4 && Chars.wordEndsAt(text, end) && yearOk(parse(text, i, end))
        && !joinedAfter(text, end, '.') && !joinedAfter(text, end, '-') && !joinedAfter(text, end, ',');
    return year && BIRTH.before(text, i, 20) ? end : -1;
  }

  /** End of a numeric date starting at i (ISO, D/M/Y either way round, or "15 March 2024"), or -1. */
  private static int numericDate(String text, int i) {
    int n = text.length();
    int aEnd = digitsEnd(text, i, 4);
    int aLen = aEnd - i;
    if (aLen == 0 || aEnd >= n || (aEnd < n && Chars.isDigit(text.charAt(aEnd)))) {
      return -1;
    }
    char sep = text.charAt(aEnd);
    if ((sep == '-' || sep == '/' || sep == '.') && !joinedBefore(text, i, sep)) {
      int bEnd = digitsEnd(text, aEnd + 1, 2);
      if (bEnd > aEnd + 1 && bEnd < n && text.charAt(bEnd) == sep) {
        int cEnd = digitsEnd(text, bEnd + 1, 4);
        int a = parse(text, i, aEnd);
        int b = parse(text, aEnd + 1, bEnd);
        int cLen = cEnd - bEnd - 1;
        if (cEnd < n && Chars.isDigit(text.charAt(cEnd))) {
          return -1;
        }
        boolean valid;
        if (aLen == 4) {
          valid = cLen >= 1 && cLen <= 2 && yearOk(a) && dayFits(a, b, parse(text, bEnd + 1, cEnd));
        } else if (aLen <= 2 && (cLen == 4 || (cLen == 2 && sep == '/'))) {
          int year = cLen == 4 ? parse(text, bEnd + 1, cEnd) : 2000;
          valid = (cLen == 2 || yearOk(year)) && (dayFits(year, a, b) || dayFits(year, b, a));
        } else {
          valid = false;
        }
        boolean isoT = aLen == 4 && cEnd + 1 < n && text.charAt(cEnd) == 'T' && Chars.isDigit(text.charAt(cEnd + 1));
        if (!valid || !(isoT || Chars.wordEndsAt(text, cEnd)) || joinedAfter(text, cEnd, sep)
            || (sep == '.' && VERSION.before(text, i, 12))) {
          return -1;
        }
        int t = timeAfter(text, cEnd, aLen == 4);
        return t > 0 ? t : isoT ? -1 : cEnd;
      }
      return -1;
    }
    if (aLen <= 2) {
      return dayMonthName(text, i, aEnd);
    }
    return -1;
  }

  /** "15 March 2024", "15th of March", "1 Jan. 2024": a day, then a month name, then maybe a year. */
  private static int dayMonthName(String text, int i, int dayEnd) {
    int day = parse(text, i, dayEnd);
    int pos = ordinalEnd(text, dayEnd);
    if (pos < text.length() && text.charAt(pos) == ' ') {
      pos++;
    } else {
      return -1;
    }
    if (text.startsWith("of ", pos)) {
      pos += 3;
    }
    int month = month(text, pos);
    if (month < 0) {
      return -1;
    }
    return yearAndTime(text, monthEnd(text, pos), month, day);
  }

  /** End of a date whose month and day end at pos, with an optional year and time; -1 if the day does not fit. */
  private static int yearAndTime(String text, int pos, int month, int day) {
    int year = 2000; // a leap year: 29 February without a year may be any year's
    int end = pos;
    int yearEnd = yearAfter(text, pos);
    if (yearEnd > 0) {
      year = parse(text, yearEnd - 4, yearEnd);
      end = yearEnd;
    }
    if (!dayFits(year, month, day)) {
      return -1;
    }
    int t = timeAfter(text, end, false);
    return t > 0 ? t : end;
  }

  // ---- forms with a month name ----

  /**
   * End of "[Weekday, ]March 15[th][, 2024]", "March 2024", "Monday, 15 March" or a weekday's full
   * name alone at i, or -1.
   */
  private static int namedDate(String text, int i) {
    int weekdayEnd = weekdayEnd(text, i);
    if (weekdayEnd < 0) {
      return monthFirstDate(text, i);
    }
    int alone = weekdayEnd - i > 3 ? weekdayEnd : -1; // "Mon" alone is too often something else
    int pos = weekdayEnd;
    if (pos < text.length() && text.charAt(pos) == ',') {
      pos++;
    }
    if (pos + 1 >= text.length() || text.charAt(pos) != ' ') {
      return alone;
    }
    pos++;
    int end = Chars.isDigit(text.charAt(pos)) ? numericDate(text, pos) : monthFirstDate(text, pos);
    return end > 0 ? end : alone;
  }

  private static int monthFirstDate(String text, int pos) {
    int month = month(text, pos);
    if (month < 0) {
      return -1;
    }
    int end = monthEnd(text, pos);
    if (end + 1 >= text.length() || text.charAt(end) != ' ' || !Chars.isDigit(text.charAt(end + 1))) {
      return -1;
    }
    int numEnd = digitsEnd(text, end + 1, 4);
    int len = numEnd - end - 1;
    if (len == 4) { // "March 2024"
      int year = parse(text, end + 1, numEnd);
      return yearOk(year) && Chars.wordEndsAt(text, numEnd) && !joinedAfter(text, numEnd, '.')
          ? numEnd : -1;
    }
    if (len > 2) {
      return -1;
    }
    int day = parse(text, end + 1, numEnd);
    int dayEnd = ordinalEnd(text, numEnd);
    if (!Chars.wordEndsAt(text, dayEnd) || joinedAfter(text, dayEnd, ':') || joinedAfter(text, dayEnd, '.')) {
      return -1;
    }
    return yearAndTime(text, dayEnd, month, day);
  }

  /**
   * Month 1..12 of a capitalised month name or three-letter abbreviation ("Sept" too) that starts at
   * pos and ends a word (or is followed by '.'), else -1. Lower case is left out: "may" and "march"
   * are ordinary words.
   */
  private static int month(String text, int pos) {
    if (pos >= text.length() || !(text.charAt(pos) >= 'A' && text.charAt(pos) <= 'Z')) {
      return -1;
    }
    int end = pos;
    while (end < text.length() && Chars.isAsciiLetter(text.charAt(end))) {
      end++;
    }
    int len = end - pos;
    if (len < 3 || !Chars.wordEndsAt(text, end)) {
      return -1;
    }
    for (int m = 0; m < 12; m++) {
      String name = MONTHS[m];
      boolean full = len == name.length();
      boolean abbr = len == 3 || (m == 8 && len == 4);
      // pos holds an ASCII capital: its lower case must be the name's first letter
      if ((full || abbr) && len <= name.length() && (text.charAt(pos) | 0x20) == name.charAt(0)
          && text.regionMatches(true, pos, name, 0, len)
          && casedAsName(text, pos, end)) {
        return m + 1;
      }
    }
    return -1;
  }

  /** End of the month word at pos, with the dot of an abbreviation. */
  private static int monthEnd(String text, int pos) {
    int end = pos;
    while (end < text.length() && Chars.isAsciiLetter(text.charAt(end))) {
      end++;
    }
    return end < text.length() && text.charAt(end) == '.' && end - pos <= 4 ? end + 1 : end;
  }

  private static int weekdayEnd(String text, int pos) {
    int end = pos;
    while (end < text.length() && Chars.isAsciiLetter(text.charAt(end))) {
      end++;
    }
    int len = end - pos;
    if (!Chars.wordEndsAt(text, end) || !casedAsName(text, pos, end)) {
      return -1;
    }
    char first = (char) (text.charAt(pos) | 0x20); // an ASCII capital, see namedDate
    for (String day : WEEKDAYS) {
      if ((len == day.length() || len == 3) && first == day.charAt(0) && text.regionMatches(true, pos, day, 0, len)) {
        return end;
      }
    }
    return -1;
  }

  /** "March" or "MARCH", not "mArch". */
  private static boolean casedAsName(String text, int start, int end) {
    boolean allUpper = true;
    boolean restLower = true;
    for (int k = start + 1; k < end; k++) {
      char c = text.charAt(k);
      allUpper &= c >= 'A' && c <= 'Z';
      restLower &= c >= 'a' && c <= 'z';
    }
    return allUpper || restLower;
  }

  /** End of ", 2024" or " 2024" (a plausible four-digit year ending a word) at pos, or -1. */
  private static int yearAfter(String text, int pos) {
    if (pos < text.length() && text.charAt(pos) == ',') {
      pos++;
    }
    if (pos + 5 > text.length() || text.charAt(pos) != ' ') {
      return -1;
    }
    int end = digitsEnd(text, pos + 1, 4);
    if (end - pos - 1 != 4 || !Chars.wordEndsAt(text, end) || !yearOk(parse(text, pos + 1, end))
        || joinedAfter(text, end, ':') || joinedAfter(text, end, '.')) {
      return -1;
    }
    return end;
  }

  private static int ordinalEnd(String text, int pos) {
    if (pos + 2 <= text.length()) {
      String two = text.substring(pos, pos + 2).toLowerCase(java.util.Locale.ROOT);
      if ((two.equals("st") || two.equals("nd") || two.equals("rd") || two.equals("th"))
          && Chars.wordEndsAt(text, pos + 2)) {
        return pos + 2;
      }
    }
    return pos;
  }

  // ---- times ----

  /** A time right after a date: "T14:30", " 14:30:00", ", 2:30 pm", " at 9am". */
  private static int timeAfter(String text, int pos, boolean iso) {
    int n = text.length();
    int start;
    if (iso && pos < n && text.charAt(pos) == 'T') {
      start = pos + 1;
    } else if (text.startsWith(" at ", pos)) {
      start = pos + 4;
    } else if (text.startsWith(", ", pos)) {
      start = pos + 2;
    } else if (pos < n && text.charAt(pos) == ' ') {
      start = pos + 1;
    } else {
      return -1;
    }
    return start < n && Chars.isDigit(text.charAt(start)) ? time(text, start) : -1;
  }

  /**
   * End of a time at i: H:MM or HH:MM with optional :SS and fraction, then an optional am/pm and
   * a zone (Z, +hh:mm); or an hour with am/pm alone ("2 pm"). -1 when it is not one.
   */
  private static int time(String text, int i) {
    int n = text.length();
    if (i > 0 && (text.charAt(i - 1) == ':' || text.charAt(i - 1) == '.')) {
      return -1; // a part of an IPv6 address, a version or a longer clock
    }
    int hEnd = digitsEnd(text, i, 2);
    if (hEnd == i || (hEnd < n && Chars.isDigit(text.charAt(hEnd)))) {
      return -1;
    }
    int hour = parse(text, i, hEnd);
    int pos = hEnd;
    boolean minutes = false;
    if (pos + 3 <= n && text.charAt(pos) == ':' && digitsEnd(text, pos + 1, 2) == pos + 3) {
      if (parse(text, pos + 1, pos + 3) > 59) {
        return -1;
      }
      minutes = true;
      pos += 3;
      if (pos + 3 <= n && text.charAt(pos) == ':' && digitsEnd(text, pos + 1, 2) == pos + 3) {
        if (parse(text, pos + 1, pos + 3) > 60) {
          return -1;
        }
        pos += 3;
        if (pos + 1 < n && (text.charAt(pos) == '.' || text.charAt(pos) == ',')
            && Chars.isDigit(text.charAt(pos + 1))) {
          pos = digitsEnd(text, pos + 1, 9);
        }
      }
      if (pos < n && (Chars.isDigit(text.charAt(pos)) || (text.charAt(pos) == ':' && pos + 1 < n
          && Chars.isDigit(text.charAt(pos + 1))))) {
        return -1; // 12:345 or 1:23:45:67
      }
    }
    int meridiem = meridiemEnd(text, pos);
    if (meridiem > 0) {
      return hour >= 1 && hour <= 12 ? zoneEnd(text, meridiem) : -1;
    }
    int end = zoneEnd(text, pos);
    if (!minutes || hour > 24 || !Chars.wordEndsAt(text, end) || (hour == 24 && !text.startsWith(":00", hEnd))) {
      return -1;
    }
    return end;
  }

  /** End of " pm", "pm", " a.m." or "AM" at pos, or -1. */
  private static int meridiemEnd(String text, int pos) {
    int n = text.length();
    int p = pos < n && text.charAt(pos) == ' ' ? pos + 1 : pos;
    if (p + 2 > n) {
      return -1;
    }
    char c = Character.toLowerCase(text.charAt(p));
    if (c != 'a' && c != 'p') {
      return -1;
    }
    if (Character.toLowerCase(text.charAt(p + 1)) == 'm' && Chars.wordEndsAt(text, p + 2)) {
      return p + 2;
    }
    if (p + 4 <= n && text.charAt(p + 1) == '.' && Character.toLowerCase(text.charAt(p + 2)) == 'm'
        && text.charAt(p + 3) == '.') {
      return p + 4;
    }
    return -1;
  }

  /** A zone after a time: "Z", "+02:00", "-0500", " -0500", " UTC", " GMT". */
  private static int zoneEnd(String text, int pos) {
    int n = text.length();
    if (pos < n && text.charAt(pos) == 'Z' && Chars.wordEndsAt(text, pos + 1)) {
      return pos + 1;
    }
    if (pos + 3 <= n && (text.charAt(pos) == '+' || text.charAt(pos) == '-')
        && digitsEnd(text, pos + 1, 2) == pos + 3) {
      int end = pos + 3;
      if (end + 3 <= n && text.charAt(end) == ':' && digitsEnd(text, end + 1, 2) == end + 3) {
        end += 3;
      } else if (digitsEnd(text, end, 2) == end + 2) {
        end += 2;
      }
      return Chars.wordEndsAt(text, end) && !(end < n && Chars.isDigit(text.charAt(end))) ? end : pos;
    }
    if (pos + 6 <= n && text.charAt(pos) == ' ' && (text.charAt(pos + 1) == '+' || text.charAt(pos + 1) == '-')
        && digitsEnd(text, pos + 2, 4) == pos + 6 && Chars.wordEndsAt(text, pos + 6)) {
      return pos + 6; // RFC 2822 mail headers: "15:16:17 -0600"
    }
    if (text.startsWith(" UTC", pos) || text.startsWith(" GMT", pos)) {
      return Chars.wordEndsAt(text, pos + 4) ? pos + 4 : pos;
    }
    return pos;
  }

  // ---- shared ----

  private static boolean yearOk(int year) {
    return year >= MIN_YEAR && year <= MAX_YEAR;
  }

  /** True when month is 1..12 and day is a day that month has in that year. */
  static boolean dayFits(int year, int month, int day) {
    if (month < 1 || month > 12 || day < 1 || day > DAYS_IN_MONTH[month - 1]) {
      return false;
    }
    return month != 2 || day < 29 || (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0));
  }

  /** True when the number at start is the tail of "5." or "5-": a longer dotted or dashed number. */
  private static boolean joinedBefore(String text, int start, char sep) {
    return start >= 2 && text.charAt(start - 1) == sep && Chars.isDigit(text.charAt(start - 2));
  }

  /** True when "sep" and a digit follow end: the number goes on (1.2.2024.1, 10.1.2024.5). */
  private static boolean joinedAfter(String text, int end, char sep) {
    return end + 1 < text.length() && text.charAt(end) == sep && Chars.isDigit(text.charAt(end + 1));
  }

  /** End of up to max digits from pos. */
  private static int digitsEnd(String text, int pos, int max) {
    int end = pos;
    while (end < text.length() && end - pos < max && Chars.isDigit(text.charAt(end))) {
      end++;
    }
    return end;
  }

  private static int parse(String text, int from, int to) {
    int v = 0;
    for (int k = from; k < to; k++) {
      v = v * 10 + (text.charAt(k) - '0');
    }
    return v;
  }
}
