package dev.tracemill.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Organisations known by their context ({@link OrganizationContext}) and the person shapes added beside
 * them (a middle initial that is also a word, phrases only a person takes, strong surname endings).
 * Names here are made up; none comes from the evaluation corpus.
 */
class OrganizationContextTest implements DetectorContract {
  private static final NameDetector DETECTOR = new NameDetector();

  @Override
  public Detector detector() {
    return DETECTOR;
  }

  @Override
  public String type() {
    return EntityTypes.ORGANIZATION;
  }

  @Override
  public List<String> positives() {
    return List.of(
        "She finally sent her Quillora resignation letter.",
        "Tomas is from Brevanti",
        "We'll meet Friday at Zentrix, 42 Harbour Road, Dover",
        "Nuvolent is the brainchild of two former teachers.",
        "Pellamar songwriter Jane Ortiz wrote the chorus.",
        "Last year she had an interview at Grovix.");
  }

  @Override
  public List<String> negatives() {
    return List.of(
        "I'm from Lisbon and I love it.",
        "Send my Monday report to the team.",
        "He met the new team at the station.",
        "Senior staff said the release slipped.",
        "We are from the support desk.",
        "The build broke in 42 places at once.");
  }

  private static List<String> of(String type, String text) {
    return DETECTOR.detect(text, ScanContext.FREE_TEXT).stream()
        .filter(s -> s.type().equals(type)).map(s -> text.substring(s.start(), s.end())).toList();
  }

  @Test
  void possessiveAndEmploymentNoun() {
    assertThat(of(EntityTypes.ORGANIZATION, "It was in his Trevolia job offer.")).containsExactly("Trevolia");
    assertThat(of(EntityTypes.ORGANIZATION, "Check my Dallow account balance.")).containsExactly("Dallow");
    // a known place is not an employer here
    assertThat(of(EntityTypes.ORGANIZATION, "Her London colleagues agreed.")).isEmpty();
  }

  @Test
  void companyOnlyPhrasesAfterTheName() {
    assertThat(of(EntityTypes.ORGANIZATION, "Orbenza was founded in 2009 in a garage.")).containsExactly("Orbenza");
    assertThat(of(EntityTypes.ORGANIZATION, "Kelvaro announced a new plan.")).containsExactly("Kelvaro");
    assertThat(of(EntityTypes.ORGANIZATION, "We signed with Zentrix, a logistics company, last May."))
        .containsExactly("Zentrix");
    assertThat(of(EntityTypes.ORGANIZATION, "I met Anna Berg, a consultant with the firm.")).isEmpty();
    // a surname alone before "announced" is left to the person pass
    assertThat(of(EntityTypes.ORGANIZATION, "Johnson announced his retirement.")).isEmpty();
  }

  @Test
  void partnersBeforeARoleNoun() {
    assertThat(of(EntityTypes.ORGANIZATION, "Pruitt, Delacroix and Haversham engineer Ana Silva spoke."))
        .containsExactly("Pruitt, Delacroix and Haversham");
  }

  @Test
  void theSpeakerIsAPerson() {
    assertThat(of(EntityTypes.PERSON, "Dravnek is from Brevanti Labs")).containsExactly("Dravnek");
    assertThat(of(EntityTypes.PERSON, "Ubron Kesta said the build was green.")).containsExactly("Ubron Kesta");
    // a person's name after a cue is no organisation
    assertThat(of(EntityTypes.ORGANIZATION, "Tomas is from Maria Lopez")).isEmpty();
    assertThat(of(EntityTypes.ORGANIZATION, "Look at Jane, 42 years old and still running.")).isEmpty();
  }

  @Test
  void middleInitialThatIsAlsoAWord() {
    assertThat(of(EntityTypes.PERSON, "The account is under John A. Leiva now.")).containsExactly("John A. Leiva");
    assertThat(of(EntityTypes.PERSON, "Is A Good Idea enough?")).isEmpty();
  }

  @Test
  void lowerCaseLegalSuffixInLowerCaseText() {
    assertThat(of(EntityTypes.ORGANIZATION, "maya is from brenvik robotics inc. now"))
        .containsExactly("brenvik robotics inc.");
    // in ordinary text a lower-case "inc" is left alone
    assertThat(of(EntityTypes.ORGANIZATION, "The Budget grew and brenvik robotics inc. Was Late")).isEmpty();
  }

  @Test
  void strongSurnameEndingAlone() {
    assertThat(of(EntityTypes.PERSON, "Nobody writes like early Dravkova.")).containsExactly("Dravkova");
    assertThat(of(EntityTypes.PERSON, "The version is v2 and the host is up.")).isEmpty();
  }

  @Test
  void personFromOrOfACompany() {
    assertThat(of(EntityTypes.ORGANIZATION, "Hanna Kovacs from Brevantix is the keynote speaker"))
        .containsExactly("Brevantix");
    assertThat(of(EntityTypes.ORGANIZATION, "Marta J. Olsen of Quillora is the CEO of the year."))
        .containsExactly("Quillora");
    assertThat(of(EntityTypes.PERSON, "Marta J. Olsen of Quillora is the CEO of the year."))
        .containsExactly("Marta J. Olsen");
    // a place, a trip, a department of common words and a person's name are no company
    assertThat(of(EntityTypes.ORGANIZATION, "Hanna Kovacs from Lisbon is the keynote speaker")).isEmpty();
    assertThat(of(EntityTypes.ORGANIZATION, "Hanna Kovacs drove from Dravnek to Lisbon")).isEmpty();
    assertThat(of(EntityTypes.ORGANIZATION, "Hanna Kovacs from Customer Support called.")).isEmpty();
    assertThat(of(EntityTypes.ORGANIZATION, "Hanna Kovacs of Maria Lopez fame")).isEmpty();
  }

  @Test
  void possessiveBeforeAPerson() {
    assertThat(of(EntityTypes.ORGANIZATION, "including Trevolia's Peter Nieminen and others"))
        .containsExactly("Trevolia");
    assertThat(of(EntityTypes.ORGANIZATION, "including Peter's Nieminen book")).isEmpty();
  }

  @Test
  void addressOfAndCharityStatus() {
    assertThat(of(EntityTypes.ORGANIZATION, "The address of Quillora is 42 Harbour Road, Dover"))
        .containsExactly("Quillora");
    assertThat(of(EntityTypes.ORGANIZATION, "The address of Lisbon is not a question.")).isEmpty();
    assertThat(of(EntityTypes.ORGANIZATION, "In its tenth year, Dravnek-Olsen is a 501(c)3 that helps."))
        .containsExactly("Dravnek-Olsen");
  }
}
