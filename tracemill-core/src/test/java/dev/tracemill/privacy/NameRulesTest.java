package dev.tracemill.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The person rules added for multilingual names: world lexicons, particles, endings, context. */
class NameRulesTest {
  private static final NameDetector DETECTOR = new NameDetector();

  private static List<String> spans(String type, String text) {
    return DETECTOR.detect(text, ScanContext.FREE_TEXT).stream().filter(s -> s.type().equals(type))
        .map(s -> text.substring(s.start(), s.end())).toList();
  }

  private static List<String> persons(String text) {
    return spans(EntityTypes.PERSON, text);
  }

  @Test
  void givenNamesOfManyCountriesAreKnown() {
    // none of these is a US census first name; they come from the world lists
    assertThat(persons("The invoice was sent to Tomomi Watanabe last week.")).containsExactly("Tomomi Watanabe");
    assertThat(persons("Please forward it to Aksel Kristensen when he is back.")).containsExactly("Aksel Kristensen");
    assertThat(persons("Yesterday Jouko asked for a refund.")).containsExactly("Jouko");
  }

  @Test
  void accentsMayBeMissingInTheText() {
    assertThat(persons("Ticket opened by Bertram Jorgensen this morning.")).containsExactly("Bertram Jorgensen");
  }

  @Test
  void lowerCaseFullNamesNeedAGivenNameAndASurname() {
    assertThat(persons("escalated by olga petrova after the outage")).containsExactly("olga petrova");
    assertThat(persons("follow up with benjamin a seiler next week")).containsExactly("benjamin a seiler");
    // common words and identifiers are not names
    assertThat(persons("please check the order and then ship it")).isEmpty();
    assertThat(persons("mac de:ad:be:ef:00:01 is blocked")).isEmpty();
  }

  @Test
  void particlesJoinTheNameAfterAKnownGivenName() {
    assertThat(persons("Contract signed by Maika van de Noort on Tuesday.")).containsExactly("Maika van de Noort");
    assertThat(persons("Our agent Ahmed bin Khalid will call you.")).containsExactly("Ahmed bin Khalid");
  }

  @Test
  void surnameEndingsCountAsSurnames() {
    assertThat(NameDetector.surnameEnding("yefremova")).isTrue();
    assertThat(NameDetector.surnameEnding("bergsveinsson")).isTrue();
    assertThat(NameDetector.surnameEnding("ova")).isFalse();
    assertThat(persons("The form was filled in by Dr. Qwertzova yesterday.")).containsExactly("Qwertzova");
  }

  @Test
  void vocativesAndVerbsAfterAKnownNameAreCues() {
    assertThat(persons("Kuba, can I ask you about the invoice?")).containsExactly("Kuba");
    assertThat(persons("I told you that already, Mette!")).containsExactly("Mette");
    assertThat(persons("It seems Kaczmarek was right about the bug.")).containsExactly("Kaczmarek");
  }

  @Test
  void namesInsideStreetAddressesAreNotPeople() {
    assertThat(persons("Ship it to 4821 Zachary Cliffs, Apt. 3, Lake Tina.")).doesNotContain("Zachary");
    assertThat(persons("The office is on Joaquin Suarez 2906 in Montevideo.")).isEmpty();
    assertThat(persons("Meet me at the corner of Elm and Victoria Coves.")).isEmpty();
  }

  @Test
  void listedNamesHelpEachOther() {
    assertThat(persons("The reviewers were Kónya, Becker and Vasquez.")).contains("Becker", "Vasquez");
  }

  @Test
  void listsOfGivenNames() {
    assertThat(persons("they had 4: silvana, christopher, kristina and caleb."))
        .containsExactly("silvana", "christopher", "kristina", "caleb");
    // one common word among given names is a name too
    assertThat(persons("Guests: Hleb, Sheila, Sherry and Shane.")).contains("Sherry");
    // a shopping list is no list of people, nor are two common words among names
    assertThat(persons("we need eggs, milk, bread and butter")).isEmpty();
    assertThat(persons("pick one: will, hope, grace and faith")).isEmpty();
    // in a longer list one word no lexicon knows is a name among the others
    assertThat(persons("they had 5: vrelka, terrence, pamela, donna and brian."))
        .containsExactly("vrelka", "terrence", "pamela", "donna", "brian");
    assertThat(persons("they had 3: vrelka, pamela and brian.")).doesNotContain("vrelka");
  }

  @Test
  void aGivenNameThatIsATownAfterAtOrToIsAPerson() {
    // Gary is a town in Indiana; "at" and "to" stand before people as often as before places
    assertThat(persons("Enrico shouted at Gary.")).contains("Gary");
    assertThat(spans(EntityTypes.PERSON, "I live in Gary.")).isEmpty();
  }

  @Test
  void aVerbOpeningTheSentenceIsNoPartOfTheName() {
    assertThat(persons("Tell Priya the build is green.")).containsExactly("Priya");
    assertThat(persons("Rose Smith called.")).containsExactly("Rose Smith");
  }

  @Test
  void dialogueLabelsAndKinship() {
    assertThat(persons("Gabriel: \"Who are you?\" Sara:\"I'm Misty's daughter\".")).contains("Sara", "Misty");
    assertThat(persons("Summary: \"All good\".")).isEmpty();
  }

  @Test
  void greetingsInOtherLanguagesAndQuestionWordsAreNoNames() {
    assertThat(persons("Hallo, Why is my order late?")).isEmpty();
    assertThat(persons("Hi, How do I reset it?")).isEmpty();
    assertThat(persons("Merci beaucoup !")).isEmpty();
    assertThat(spans(EntityTypes.ORGANIZATION, "Hallo Team, the build is green.")).isEmpty();
    assertThat(persons("Bonjour Élodie !")).containsExactly("Élodie");
    assertThat(persons("Danke Jürgen.")).containsExactly("Jürgen");
  }

  @Test
  void aLabelShapedLikeAnEnglishNounIsNoSpeaker() {
    assertThat(persons("* Validator: non-empty messages")).isEmpty();
    assertThat(persons("Deployment: done")).isEmpty();
    assertThat(persons("Nicole: hello there")).containsExactly("Nicole");
  }
}
