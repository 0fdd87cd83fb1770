package io.guardstream.inspect.pii;

import static io.guardstream.inspect.pii.Detections.found;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Names in sentences no training template resembles: what the cues, the lists and the model's
 * generic features find, and the capitalised words they must leave alone.
 */
class NameCuesTest {

  private static final NameTagger TAGGER = new NameTagger();
  private final PersonRecognizer persons = new PersonRecognizer(TAGGER);
  private final LocationRecognizer places = new LocationRecognizer(TAGGER);

  @Test
  void shouldFindKnownFirstNameWithUnknownSurnameInUnseenSentence() {
    assertThat(found(persons, "Could you loop in Priyanka Venkataraman on the vendor thread tomorrow?"))
        .containsExactly("Priyanka Venkataraman");
  }

  @Test
  void shouldFindUnknownNameAfterHonorific() {
    assertThat(found(persons, "The parcel was handed over to Dr. Brennan Thorsen at the front desk."))
        .containsExactly("Dr. Brennan Thorsen");
  }

  @Test
  void shouldFindUnknownNameAfterSelfIntroduction() {
    assertThat(found(persons, "Good morning, my name is Nadbath Venkataraman and I need a refund."))
        .containsExactly("Nadbath Venkataraman");
  }

  @Test
  void shouldFindEveryPersonOfAListWithOneKnownName() {
    assertThat(found(persons, "The three reviewers were Mateusz, Nadbath and Thorsen, all from the same team."))
        .containsExactly("Mateusz", "Nadbath", "Thorsen");
  }

  @Test
  void shouldLeaveGreetingOutOfName() {
    assertThat(found(persons, "Hi Mateusz, thanks for the quick review.")).containsExactly("Mateusz");
  }

  @Test
  void shouldFindKnownCountryAfterTravelVerbInUnseenSentence() {
    assertThat(found(places, "I will be travelling to Portugal next week for the audit.")).containsExactly("Portugal");
  }

  @Test
  void shouldFindMultiWordCityWithoutPreposition() {
    assertThat(found(places, "Our San Francisco office closes early on Fridays.")).containsExactly("San Francisco");
  }

  @Test
  void shouldFindIntroducedNameInTextWrittenAllInLowerCase() {
    assertThat(found(persons, "hi, my name is mark pinto and i lost my card")).containsExactly("mark pinto");
  }

  @Test
  void shouldFindKnownFirstNameAndUnknownSurnameInLowerCaseText() {
    assertThat(found(persons, "melissa pirogova will be talking at the conference"))
        .containsExactly("melissa pirogova");
  }

  @Test
  void shouldFindPlaceAfterPrepositionInLowerCaseText() {
    assertThat(found(places, "i'm originally from burkina faso")).containsExactly("burkina faso");
  }

  @Test
  void shouldNotFlagLowerCaseProseWithoutNames() {
    for (String text : new String[] {"please summarise the report and send it to the team by friday",
        "how do i kill a python process?", "we moved to turkey last year"}) {
      assertThat(found(persons, text)).isEmpty();
      assertThat(found(places, text)).isEmpty();
    }
  }

  @Test
  void shouldNotFlagCapitalisedDictionaryWordsMidSentence() {
    String text = "We compared Reserved Instances with Spot Capacity for the Data Platform and the Snowflake warehouse.";
    assertThat(found(persons, text)).isEmpty();
    assertThat(found(places, text)).isEmpty();
  }

  @Test
  void shouldNotFlagNameFollowedByNounAsPerson() {
    assertThat(found(persons, "Explain how Kafka Streams handles state stores.")).isEmpty();
  }

  @Test
  void shouldNotFlagWeekdayAbbreviationAsPerson() {
    assertThat(found(persons, "The report is due Thu and the review on Fri.")).isEmpty();
  }
}
