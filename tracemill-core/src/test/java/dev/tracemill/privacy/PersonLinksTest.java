package dev.tracemill.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Entity linking of person surrogates within a unit ({@link PersonLinks}). */
class PersonLinksTest {
  private static final byte[] KEY = "person-links-test-key-0123456789".getBytes(StandardCharsets.UTF_8);
  private static final Redactor SURROGATES = new Redactor();
  private static final Redactor TAGS = new Redactor(RedactionPolicy.defaults().withStyle(RedactionStyle.TAG));

  /** PERSON spans over every occurrence of each of {@code names} in {@code text}. */
  private static List<Span> spans(String text, String... names) {
    List<Span> spans = new ArrayList<>();
    for (String name : names) {
      Matcher m = Pattern.compile("\\b" + Pattern.quote(name) + "\\b").matcher(text);
      while (m.find()) {
        spans.add(new Span(m.start(), m.end(), EntityTypes.PERSON, 0.9, "test"));
      }
    }
    return spans;
  }

  private static String[] words(String s) {
    return s.split(" ");
  }

  @Test
  void aGivenNameAndATitledSurnameFollowTheFullName() {
    String text = "Jane Doe opened the ticket. Later Jane wrote again, and Ms. Doe closed it.";
    RedactionContext ctx = RedactionContext.forUnit("unit-1");
    String out = SURROGATES.redact(text, spans(text, "Jane Doe", "Jane", "Doe"), ctx).text();
    Matcher m = Pattern.compile("^(\\w+) (\\w+) opened the ticket\\. Later (\\w+) wrote again, and Ms\\. (\\w+) closed it\\.$")
        .matcher(out);
    assertThat(m.matches()).as(out).isTrue();
    assertThat(m.group(3)).isEqualTo(m.group(1));
    assertThat(m.group(4)).isEqualTo(m.group(2));
    assertThat(out).doesNotContain("Jane").doesNotContain("Doe");
  }

  @Test
  void orderDoesNotMatterAndMessagesOfAUnitAgree() {
    RedactionContext ctx = RedactionContext.forUnit("unit-2", KEY);
    String first = SURROGATES.redact("Ask Doe about it.", spans("Ask Doe about it.", "Doe"), ctx).text();
    String second = SURROGATES.redact("Hi, I am John Doe.", spans("Hi, I am John Doe.", "John Doe"), ctx).text();
    String third = SURROGATES.redact("John here.", spans("John here.", "John"), ctx).text();
    String surname = first.split(" ")[1];
    String[] full = words(second.substring("Hi, I am ".length(), second.length() - 1));
    assertThat(full[1]).isEqualTo(surname);
    assertThat(third).isEqualTo(full[0] + " here.");
  }

  @Test
  void differentPeopleStayDifferent() {
    String text = "Jane Doe and Jane Roe and Mary Doe met.";
    String out = SURROGATES.redact(text, spans(text, "Jane Doe", "Jane Roe", "Mary Doe"),
        RedactionContext.forUnit("unit-3")).text();
    String[] people = out.substring(0, out.length() - " met.".length()).split(" and ");
    assertThat(people).hasSize(3).doesNotHaveDuplicates();
    assertThat(words(people[0])[0]).isEqualTo(words(people[1])[0]); // both Janes
    assertThat(words(people[0])[1]).isNotEqualTo(words(people[1])[1]); // Doe and Roe
    assertThat(words(people[0])[1]).isEqualTo(words(people[2])[1]); // both Does
  }

  @Test
  void initialsParticlesAndCaseAreKept() {
    String text = "Copy to John Doe and to Maika van de Noort; signed: J. Doe, and to JOHN.";
    String out = SURROGATES.redact(text, spans(text, "J. Doe", "John Doe", "Maika van de Noort", "JOHN"),
        RedactionContext.forUnit("unit-4")).text();
    Matcher m = Pattern.compile("^Copy to (\\w+) (\\w+) and to (\\w+) van de (\\w+); signed: ([A-Z])\\. (\\w+), and to ([A-Z]+)\\.$")
        .matcher(out);
    assertThat(m.matches()).as(out).isTrue();
    assertThat(m.group(6)).isEqualTo(m.group(2));
    assertThat(m.group(5)).isEqualTo(m.group(1).substring(0, 1)); // an initial after the full name follows it
    assertThat(m.group(7)).isEqualTo(m.group(1).toUpperCase(java.util.Locale.ROOT));
  }

  @Test
  void sameInputSameOutput() {
    String text = "Jane Doe wrote; Jane agreed; Doe left.";
    List<Span> spans = spans(text, "Jane Doe", "Jane", "Doe");
    String a = SURROGATES.redact(text, spans, RedactionContext.forUnit("u", KEY)).text();
    String b = SURROGATES.redact(text, spans, RedactionContext.forUnit("u", KEY)).text();
    String other = SURROGATES.redact(text, spans, RedactionContext.forUnit("v", KEY)).text();
    assertThat(a).isEqualTo(b).isEqualTo(other); // a corpus key makes it the same in every unit
  }

  @Test
  void tagsGiveOneNumberToAFullNameAndItsLaterParts() {
    String text = "Jane Doe called. Jane said Ms. Doe would pay. Bob Roe agreed.";
    String out = TAGS.redact(text, spans(text, "Jane Doe", "Jane", "Doe", "Bob Roe"),
        RedactionContext.forUnit("unit-5")).text();
    assertThat(out).isEqualTo("<PERSON_1> called. <PERSON_1> said Ms. <PERSON_1> would pay. <PERSON_2> agreed.");
  }

  @Test
  void worksWithTheDetectorEndToEnd() {
    String text = "Hello, my name is Aksel Kristensen. Please call me Aksel. Mr. Kristensen is fine too.";
    List<Span> found = new NameDetector().detect(text, ScanContext.FREE_TEXT);
    String out = SURROGATES.redact(text, found, RedactionContext.forUnit("unit-6")).text();
    Matcher m = Pattern.compile("^Hello, my name is (\\w+) (\\w+)\\. Please call me (\\w+)\\. Mr\\. (\\w+) is fine too\\.$")
        .matcher(out);
    assertThat(m.matches()).as(out).isTrue();
    assertThat(m.group(3)).isEqualTo(m.group(1));
    assertThat(m.group(4)).isEqualTo(m.group(2));
  }
}
