package io.guardstream.inspect.pii;

import static io.guardstream.inspect.pii.Detections.found;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DateTimeRecognizerTest {

  private final DateTimeRecognizer recognizer = new DateTimeRecognizer();

  @ParameterizedTest
  @ValueSource(strings = {"2024-03-15", "2024-03-15 14:30", "2024-03-15T14:30:00Z",
      "1993-08-24 01:26:53", "2024-03-15T14:30:00.123+02:00", "03/15/2024", "3/31/1982", "15.03.2024",
      "15/03/2024", "12/25/24", "March 15, 2024", "March 15th, 2024", "15 March 2024",
      "15th of March 2024", "Mar 15", "Sept. 3, 2021", "Monday, March 15, 2024", "March 2024",
      "14:30", "2:30 pm", "11am", "9:05 a.m.", "23:59:59", "Feb 29, 2024",
      "Tue, 22 Feb 2022 15:16:17 -0600", "Saturday"})
  void shouldFindWholeDateOrTimeInTheUsualForms(String date) {
    assertThat(found(recognizer, "It was on " + date + ", I think.")).containsExactly(date);
  }

  @ParameterizedTest
  @ValueSource(strings = {"2024-13-01", "2024-02-30", "13/13/2024", "32.01.2024", "Feb 29, 2023",
      "March 32", "25:10", "14:61", "13 pm", "2024-00-10"})
  void shouldRejectOutOfRangeParts(String notADate) {
    assertThat(found(recognizer, "value " + notADate + " here")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"version 1.2.2024", "upgrade to v2.10.2020", "192.168.10.12", "10.1.1.1",
      "fe80::1:20", "call 555-123-4567", "pi is 3.14", "costs 1,234.56", "build 4.12.2019.3",
      "ratio 16:9", "release 2021.03.15", "room 12 at 3", "1:23:45:67", "may 5 people", "march 15 miles",
      "12345-03-15", "id 1-2-3"})
  void shouldNotMistakeVersionsAddressesPhonesOrDecimalsForDates(String text) {
    assertThat(found(recognizer, text)).isEmpty();
  }

  @Test
  void shouldScoreADateUnderTheMaskingThresholdWithoutContext() {
    assertThat(Detections.scoreOf(recognizer, "The deadline is 2024-03-15.")).isLessThan(0.5);
  }

  @ParameterizedTest
  @ValueSource(strings = {"I was born on March 3, 1990.", "DOB: 03/03/1990", "date of birth 1990-03-03",
      "my birthday is 3 March"})
  void shouldRaiseTheScoreAboveTheMaskingThresholdNearABirthWord(String text) {
    assertThat(Detections.scoreOf(recognizer, text)).isGreaterThanOrEqualTo(0.8);
  }

  @Test
  void shouldReportAWeekdaysFullNameButNotABareYear() {
    assertThat(found(recognizer, "In 2016 we met on Monday, not on Sat or on a monday")).containsExactly("Monday");
  }

  @Test
  void shouldReportABareYearOnlyAfterABirthWord() {
    assertThat(found(recognizer, "she was born in 1977 and moved in 1990")).containsExactly("1977");
    assertThat(Detections.scoreOf(recognizer, "born in 1977")).isGreaterThanOrEqualTo(0.8);
  }

  @Test
  void shouldFindEachDateOfARange() {
    assertThat(found(recognizer, "from 2024-03-15 to 2024-03-20"))
        .containsExactly("2024-03-15", "2024-03-20");
  }
}
