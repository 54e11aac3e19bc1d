package dev.tracemill.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Example;

class EmailDetectorTest implements DetectorContract {
  @Override
  public Detector detector() {
    return new EmailDetector();
  }

  @Override
  public String type() {
    return EntityTypes.EMAIL;
  }

  @Override
  public List<String> positives() {
    return List.of("write to jane.doe@example.com today", "<ops+alerts@mail.example.org>",
        "mailto:someone@example.net", "Contact: J_Smith-99@sub.example.co.uk.");
  }

  @Override
  public List<String> negatives() {
    return List.of("@mention the team", "user@localhost", "a@b", "decorator @Override and x@1.2",
        "git ref HEAD@{1}", "https://user:pass@example.com/x", "foo@bar.c0m", "npm i @scope/pkg@1.2.3");
  }

  @Example
  void spanCoversExactlyTheAddressWithoutTrailingPunctuation() {
    String text = "mail jane.doe@example.com.";
    assertThat(detector().detect(text, ScanContext.FREE_TEXT))
        .singleElement()
        .satisfies(s -> assertThat(text.substring(s.start(), s.end())).isEqualTo("jane.doe@example.com"));
  }

  @Example
  void aFullStopBeforeTheAddressEndsTheSentenceBeforeIt() {
    String text = "I moved last week.jane.doe@example.com is my new address";
    assertThat(detector().detect(text, ScanContext.FREE_TEXT))
        .singleElement()
        .satisfies(s -> assertThat(text.substring(s.start(), s.end())).isEqualTo("week.jane.doe@example.com"));
    String dots = "see ...ops@example.com";
    assertThat(detector().detect(dots, ScanContext.FREE_TEXT))
        .singleElement()
        .satisfies(s -> assertThat(dots.substring(s.start(), s.end())).isEqualTo("ops@example.com"));
  }

  @Example
  void anEmailKeyAcceptsAHostWithoutTld() {
    ScanContext ctx = new ScanContext(Where.TOOL_ARGUMENTS, "user_email");
    assertThat(detector().detect("ops@localhost", ctx)).singleElement()
        .satisfies(s -> assertThat(s.score()).isLessThan(0.95));
    assertThat(detector().detect("ops@localhost", ScanContext.FREE_TEXT)).isEmpty();
  }

  @Example
  void findsSeveralAddresses() {
    assertThat(detector().detect("a@example.com, b@example.org", ScanContext.FREE_TEXT)).hasSize(2);
  }
}
