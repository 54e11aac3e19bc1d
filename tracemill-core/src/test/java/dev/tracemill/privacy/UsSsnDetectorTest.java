package dev.tracemill.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Example;

class UsSsnDetectorTest implements DetectorContract {
  @Override
  public Detector detector() {
    return new UsSsnDetector();
  }

  @Override
  public String type() {
    return EntityTypes.US_SSN;
  }

  @Override
  public List<String> positives() {
    return List.of("SSN: 078-05-1120", "social security number 219 09 9999", "ssn#219099999",
        "the number 123-45-6789 on file", "His social security number is 853-37-1694");
  }

  @Override
  public List<String> negatives() {
    return List.of("000-12-3456", "666-12-3456", "900-12-3456", "123-00-4567", "123-45-0000",
        "id 219099999 only", "219 09 9999", "call 201-555-0147", "2026-11-22", "x123-45-6789",
        "123-45-6789-0", "1.123-45-6789");
  }

  @Example
  void rangesAreChecked() {
    assertThat(UsSsnDetector.validRanges("899-99-9999", 0, 1)).isTrue();
    assertThat(UsSsnDetector.validRanges("001010001", 0, 0)).isTrue();
    assertThat(UsSsnDetector.validRanges("000-10-0001", 0, 1)).isFalse();
    assertThat(UsSsnDetector.validRanges("666-10-0001", 0, 1)).isFalse();
    assertThat(UsSsnDetector.validRanges("950-10-0001", 0, 1)).isFalse();
    assertThat(UsSsnDetector.validRanges("123-00-0001", 0, 1)).isFalse();
    assertThat(UsSsnDetector.validRanges("123-45-0000", 0, 1)).isFalse();
  }

  @Example
  void anSsnKeyMakesNineDigitsAnSsn() {
    ScanContext ctx = new ScanContext(Where.TOOL_ARGUMENTS, "SSN");
    assertThat(detector().detect("219099999", ctx)).singleElement()
        .satisfies(s -> assertThat(s.score()).isGreaterThanOrEqualTo(0.95));
    assertThat(detector().detect("219099999", ScanContext.FREE_TEXT)).isEmpty();
  }

  @Example
  void aCueRaisesTheScoreOfTheDashedForm() {
    double bare = detector().detect("ref 219-09-9999", ScanContext.FREE_TEXT).get(0).score();
    double cued = detector().detect("SSN 219-09-9999", ScanContext.FREE_TEXT).get(0).score();
    assertThat(cued).isGreaterThan(bare);
  }
}
