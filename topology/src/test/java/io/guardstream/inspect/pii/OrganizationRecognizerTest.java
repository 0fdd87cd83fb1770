package io.guardstream.inspect.pii;

import static io.guardstream.inspect.pii.Detections.found;
import static io.guardstream.inspect.pii.Detections.scoreOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.guardstream.inspect.PiiFinding;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrganizationRecognizerTest {

  private final OrganizationRecognizer recognizer = new OrganizationRecognizer();

  @Test
  void shouldFindNameEndingInLegalFormWithItsAbbreviationDot() {
    assertThat(found(recognizer, "The invoice came from Acme Widgets Inc. last week."))
        .containsExactly("Acme Widgets Inc.");
    assertThat(scoreOf(recognizer, "Acme Widgets Inc. shipped it")).isGreaterThanOrEqualTo(0.5);
    assertThat(scoreOf(recognizer, "Zentrix Widgets Inc. shipped it")).isEqualTo(OrganizationRecognizer.LEGAL_FORM);
  }

  @Test
  void shouldKeepCommaBeforeLegalFormInsideTheName() {
    assertThat(found(recognizer, "Signed for Zentrix Dynamics, Ltd. by the board")).containsExactly("Zentrix Dynamics, Ltd.");
  }

  @Test
  void shouldNotFlagProductNamesWithoutOrganisationEvidence() {
    assertThat(found(recognizer, "Kafka Streams reads from Apache Kafka and writes to Spring Boot.")).isEmpty();
  }

  @Test
  void shouldNotFlagHeadingOfPlainWordsEndingInSectorOrInstitutionWord() {
    assertThat(found(recognizer, "Chapter 3: Distributed Operating Systems")).isEmpty();
    assertThat(found(recognizer, "Notes from the Focus Group")).isEmpty();
  }

  @Test
  void shouldLeavePersonNameFollowedBySuffixLikeWordToPersonRecogniser() {
    assertThat(found(recognizer, "Thanks to Maria Lopez Group for the notes")).isEmpty();
    assertThat(found(recognizer, "Ask Maria Capital about it")).isEmpty();
  }

  @Test
  void shouldFindInstitutionHeadedNames() {
    assertThat(found(recognizer, "She studied at the Department of Better Technology in 2010"))
        .containsExactly("Department of Better Technology");
    assertThat(found(recognizer, "Transfer it to Zentrix Bank today")).containsExactly("Zentrix Bank");
  }

  @Test
  void shouldFindSectorWordAfterNameThatIsNotPlainEnglish() {
    assertThat(found(recognizer, "We bought licences from Quorvix Software")).containsExactly("Quorvix Software");
    assertThat(scoreOf(recognizer, "We bought licences from Quorvix Software")).isEqualTo(OrganizationRecognizer.SECTOR);
  }

  @Test
  void shouldFindNameAfterEmploymentCue() {
    assertThat(found(recognizer, "I work for Flightstats now")).containsExactly("Flightstats");
    assertThat(found(recognizer, "She is employed by IBM since May")).containsExactly("IBM");
  }

  @Test
  void shouldDropSentenceInitialCommonWordFromName() {
    assertThat(found(recognizer, "It was signed. Therefore Zentrix International Ltd pays.")).containsExactly("Zentrix International Ltd");
  }

  @Test
  void shouldNotTakeShoutedDictionaryWordAfterCompanyAsAcronym() {
    assertThat(found(recognizer, "Please review the company POLICY first")).isEmpty();
  }

  @Test
  void shouldNotFlagAcronymWithoutCue() {
    assertThat(found(recognizer, "Send the JSON over HTTP to the API")).isEmpty();
  }

  @Test
  void shouldNotTakePersonOrPlaceAfterCueAsOrganisation() {
    assertThat(found(recognizer, "I work for Sarah on weekends")).isEmpty();
    assertThat(found(recognizer, "He joined London last year")).isEmpty();
  }

  @Test
  void shouldScoreWeakEvidenceBelowMaskingThreshold() {
    assertThat(scoreOf(recognizer, "Last year she joined Quorvix")).isLessThan(0.5);
  }

  @Test
  void shouldFindLawFirmListOfSurnames() {
    assertThat(found(recognizer, "The address of Jones, Mitchell and Williams is on file"))
        .containsExactly("Jones, Mitchell and Williams");
  }

  @Test
  void shouldSkipTextWithoutCapitals() {
    assertThat(found(recognizer, "i work for acme widgets inc")).isEmpty();
  }

  @Test
  void shouldLetScannerKeepPersonOverOrganisationWhenTheyConflict() {
    PiiScanner scanner = new PiiScanner();
    List<PiiFinding> findings = scanner.scan("Please contact Dr. Maria Lopez Group about the results.");
    assertThat(findings).extracting(PiiFinding::type).contains("PERSON").doesNotContain(OrganizationRecognizer.TYPE);
  }

  @Test
  void shouldReportOrganisationThroughTheScanner() {
    PiiScanner scanner = new PiiScanner();
    assertThat(scanner.scan("The contract with Acme Widgets Inc. expires soon."))
        .extracting(PiiFinding::type).containsExactly(OrganizationRecognizer.TYPE);
  }
}
