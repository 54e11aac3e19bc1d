package dev.tracemill.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Example;

class DateOfBirthDetectorTest implements DetectorContract {
  @Override
  public Detector detector() {
    return new DateOfBirthDetector();
  }

  @Override
  public String type() {
    return EntityTypes.DATE_OF_BIRTH;
  }

  @Override
  public List<String> positives() {
    return List.of("born on 1985-03-14", "Date of birth: 03/14/1985", "DOB 14.03.1985", "born March 14, 1985",
        "her birthday is 14 March 1985", "Jane Doe (b. 14th of Mar 1985)", "1985-03-14 (date of birth)",
        "D.O.B.: 3/4/85");
  }

  @Override
  public List<String> negatives() {
    return List.of("released on 1985-03-14", "deadline 03/14/2026", "at 2026-11-22T04:30:00Z",
        "born in Ohio, and after a long and winding career in sales moved on 2001-05-06",
        "dob 13/13/1985", "born 1985-13-01", "version 1.2.1985", "DOB unknown");
  }

  @Example
  void aBirthKeyMakesAnyDateABirthDate() {
    ScanContext ctx = new ScanContext(Where.TOOL_ARGUMENTS, "date_of_birth");
    assertThat(detector().detect("1985-03-14", ctx)).hasSize(1);
    assertThat(detector().detect("1985-03-14", ScanContext.FREE_TEXT)).isEmpty();
  }

  @Example
  void theCueWindowIsForty() {
    String near = "born" + " ".repeat(30) + "1985-03-14";
    String far = "born" + " ".repeat(45) + "1985-03-14";
    assertThat(detector().detect(near, ScanContext.FREE_TEXT)).hasSize(1);
    assertThat(detector().detect(far, ScanContext.FREE_TEXT)).isEmpty();
  }
}
