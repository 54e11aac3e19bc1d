package dev.tracemill.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NameDetectorTest implements DetectorContract {
  private static final NameDetector DETECTOR = new NameDetector();

  @Override
  public Detector detector() {
    return DETECTOR;
  }

  @Override
  public String type() {
    return EntityTypes.PERSON;
  }

  @Override
  public List<String> positives() {
    return List.of(
        "Please ask Jane Doe to review the ticket.",
        "My name is Zyxwa Qorvent and I need help.",
        "Hi Jane, the report is attached.",
        "Thanks for the quick reply.\nRegards,\nJohn Smith",
        "The refund was approved by Dr. Qorvent yesterday.",
        "Contact: Mary Johnson <mary@example.com>",
        "call me bob",
        "We met J. R. Doe at the booth.");
  }

  @Override
  public List<String> negatives() {
    return List.of(
        "Upgrade to version 2.4.1 before Monday.",
        "The meeting moved to May 3, and June is fully booked.",
        "Will this work on Windows and Linux?",
        "Mark the task as done and Bill the customer later.",
        "Call getUserName() then JaneDoe.toString() in the handler.",
        "Send it to jane.doe@example.com today.",
        "Deploy with Docker, Kubernetes and Terraform on Friday.",
        "Error: HTTP 404 Not Found at 2024-01-02T10:00:00Z, commit 9fceb02.",
        "The Python and Ruby SDKs are both supported.",
        "Apple released a new iPhone in September.");
  }

  private static List<Span> find(String text) {
    return DETECTOR.detect(text, ScanContext.FREE_TEXT);
  }

  private static List<String> persons(String text) {
    return find(text).stream().filter(s -> s.type().equals(EntityTypes.PERSON))
        .map(s -> text.substring(s.start(), s.end())).toList();
  }

  @Test
  void firstNameFollowedBySurnameIsOneSpan() {
    assertThat(persons("Yesterday Jane Doe called about her order.")).containsExactly("Jane Doe");
  }

  @Test
  void anUnknownNameIsFoundAfterACue() {
    assertThat(persons("my name is Zyxwa Qorvent")).containsExactly("Zyxwa Qorvent");
    assertThat(persons("I'm Zyxwa, nice to meet you")).containsExactly("Zyxwa");
    assertThat(persons("Ask Mr Qorvent about it")).containsExactly("Qorvent");
  }

  @Test
  void placesThatLookLikeNamesAreReportedAsPlaces() {
    for (String text : List.of("I'm from Paris and I love it.", "Greetings from Berlin!")) {
      assertThat(find(text)).as(text).singleElement().satisfies(s -> assertThat(s.type()).isEqualTo(EntityTypes.LOCATION));
    }
    assertThat(persons("We live in Sydney now.")).isEmpty();
    for (String text : List.of("He moved to San Francisco in May.", "We visited Santa Monica and Santa Barbara.")) {
      assertThat(persons(text)).as(text).isEmpty();
      assertThat(find(text)).as(text).allSatisfy(s -> assertThat(s.type()).isEqualTo(EntityTypes.LOCATION));
    }
    assertThat(persons("Hi, I'm Paris and I need help.")).containsExactly("Paris");
    assertThat(persons("My colleague Paris Hilton called.")).containsExactly("Paris Hilton");
  }

  @Test
  void anUnknownWordWithoutACueIsNotAName() {
    assertThat(persons("The Zyxwa module failed to load.")).isEmpty();
  }

  @Test
  void aGreetingIsNotPartOfTheName() {
    assertThat(persons("Hello Jane, how are you?")).containsExactly("Jane");
    assertThat(persons("Dear Jane Doe,\nyour order shipped.")).containsExactly("Jane Doe");
  }

  @Test
  void aSignatureAfterASignOffIsAName() {
    assertThat(persons("See you soon.\nCheers,\nZyxwa Qorvent")).containsExactly("Zyxwa Qorvent");
  }

  @Test
  void collidingWordsCountOnlyWithACueOrASurname() {
    assertThat(persons("Will you send it?")).isEmpty();
    assertThat(persons("Please ask Will Johnson to approve.")).containsExactly("Will Johnson");
    assertThat(persons("See you in May.")).isEmpty();
  }

  @Test
  void aNameNextToAnEmailAddressIsFound() {
    assertThat(persons("Owner: Qorvent <owner@example.com>")).containsExactly("Qorvent");
  }

  @Test
  void lowerCaseNamesAreTakenOnlyAfterAStrongCue() {
    assertThat(persons("hi, my name is jane doe")).containsExactly("jane doe");
    assertThat(persons("jane doe wrote the report")).isEmpty();
  }

  @Test
  void theStringOfANameKeyIsANameWhenItLooksLikeOne() {
    String value = "Zyxwa";
    assertThat(DETECTOR.detect(value, new ScanContext(Where.TOOL_ARGUMENTS, "customer_name")))
        .singleElement().satisfies(s -> {
          assertThat(s.type()).isEqualTo(EntityTypes.PERSON);
          assertThat(s.start()).isZero();
          assertThat(s.end()).isEqualTo(value.length());
        });
    assertThat(DETECTOR.detect("order-4711", new ScanContext(Where.TOOL_ARGUMENTS, "customer_name"))).isEmpty();
    assertThat(DETECTOR.detect("Zyxwa", ScanContext.FREE_TEXT)).isEmpty();
    assertThat(DETECTOR.detect("Zyxwa", new ScanContext(Where.TOOL_ARGUMENTS, "sku"))).isEmpty();
  }

  @Test
  void aCompanyWithALegalSuffixIsAnOrganization() {
    String text = "The invoice from Qorvent Widgets GmbH arrived.";
    assertThat(find(text)).singleElement().satisfies(s -> {
      assertThat(s.type()).isEqualTo(EntityTypes.ORGANIZATION);
      assertThat(text.substring(s.start(), s.end())).isEqualTo("Qorvent Widgets GmbH");
    });
  }

  @Test
  void possessiveIsLeftOutOfTheName() {
    assertThat(persons("That was Jane Doe's idea.")).containsExactly("Jane Doe");
  }
}
