package dev.tracemill.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import net.jqwik.api.Example;

class PhoneDetectorTest implements DetectorContract {
  @Override
  public Detector detector() {
    return new PhoneDetector("US");
  }

  @Override
  public String type() {
    return EntityTypes.PHONE;
  }

  @Override
  public List<String> positives() {
    return List.of("call (201) 555-0123 after five", "my number is 201-555-0147", "+44 20 7946 0958",
        "reach +49 30 901820", "Phone: 0491 570 156", "Mobile:\n07700 900 123", "Tel. 01 23 45 67 89",
        "201.555.0199x42 office", "They're not answering at 555 0147 12");
  }

  @Override
  public List<String> negatives() {
    return List.of("version 1.2.3.4567", "build 10.0.19041.1", "ts 1700000000 epoch", "at 2026-11-22T04:30:00Z",
        "total $1,234,567.89", "order 12345678 shipped", "HTTP 503 after 30000 ms", "ip 192.0.2.10",
        "phone 2026-11-22", "id 550e8400-e29b-41d4-a716-446655440000", "sha 4b825dc642cb6eb9a060e54bf8d69288fbee4904",
        "phone: 12345", "Invoice INV-2026-000123", "office is at 17031 2202 Main St");
  }

  @Example
  void internationalNumbersNeedNoContext() {
    String text = "numbers: +44 20 7946 0958 and +33 1 09 75 83 51";
    List<Span> spans = detector().detect(text, ScanContext.FREE_TEXT);
    assertThat(spans).hasSize(2).allSatisfy(s -> assertThat(s.score()).isGreaterThanOrEqualTo(0.95));
    assertThat(text.substring(spans.get(0).start(), spans.get(0).end())).isEqualTo("+44 20 7946 0958");
  }

  @Example
  void theDefaultRegionDecidesWhichNationalFormatsAreValid() {
    String uk = "ring 020 7946 0958 today";
    assertThat(new PhoneDetector("GB").detect(uk, ScanContext.FREE_TEXT)).singleElement()
        .satisfies(s -> assertThat(s.score()).isEqualTo(0.95));
    assertThat(new PhoneDetector("US").detect(uk, ScanContext.FREE_TEXT)).isEmpty();
  }

  @Example
  void aPhoneKeyLowersTheBar() {
    ScanContext ctx = new ScanContext(Where.TOOL_ARGUMENTS, "phone_number");
    assertThat(detector().detect("0491 570 156", ctx)).singleElement()
        .satisfies(s -> assertThat(s.score()).isBetween(0.6, 0.9));
    assertThat(detector().detect("0491 570 156", ScanContext.FREE_TEXT)).isEmpty();
  }

  @Example
  void aCueDoesNotReachPastAnotherNumber() {
    assertThat(detector().detect("phone 7 then 0491 570 156", ScanContext.FREE_TEXT)).isEmpty();
  }

  @Example
  void unknownRegionIsRejectedWithTheFix() {
    assertThatThrownBy(() -> new PhoneDetector("XX")).hasMessageContaining("for example US");
  }

  @Example
  void datesAndTimestampsAreNotPhoneNumbers() {
    assertThat(PhoneDetector.containsDate("2026-11-22", 0, 10)).isTrue();
    assertThat(PhoneDetector.containsDate("2015-12-22 04", 0, 13)).isTrue();
    assertThat(PhoneDetector.containsDate("22.11.2026", 0, 10)).isTrue();
    assertThat(PhoneDetector.containsDate("201-555-0147", 0, 12)).isFalse();
    // 2015-12-22 04 would otherwise be a valid New Jersey number.
    assertThat(detector().detect("Date: 2015-12-22 04:34:22", ScanContext.FREE_TEXT)).isEmpty();
  }

  @Example
  void versionsAndAddressesAreNotPhoneNumbers() {
    assertThat(PhoneDetector.versionOrAddressShaped("124.0.6367.207", 0, 14)).isTrue();
    assertThat(PhoneDetector.versionOrAddressShaped("36.160.14.148", 0, 13)).isTrue();
    assertThat(PhoneDetector.versionOrAddressShaped("01.84.17.61.18", 0, 14)).isFalse();
    assertThat(PhoneDetector.versionOrAddressShaped("201.555.0147", 0, 12)).isFalse();
  }
}
