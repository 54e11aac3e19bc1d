package dev.tracemill.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Example;

class CreditCardDetectorTest implements DetectorContract {
  @Override
  public Detector detector() {
    return new CreditCardDetector();
  }

  @Override
  public String type() {
    return EntityTypes.CREDIT_CARD;
  }

  @Override
  public List<String> positives() {
    return List.of("card 4111111111111111 exp", "4111 1111 1111 1111", "pay with 5555-5555-5555-4444",
        "amex 378282246310005.", "amex 3782 822463 10005", "discover 6011111111111117", "jcb 3530111333300000",
        "diners 30569309025904", "4111 1111 1111 1111 12 25");
  }

  @Override
  public List<String> negatives() {
    return List.of("order 4111111111111112", "ts 1700000000000 ms", "nanos 1700000000000000000",
        "id 1234567890123456", "x4111111111111111", "v4111111111111111.2", "amount 4111111111111111.50",
        "uuid-4111111111111111", "9999999999999995");
  }

  @Example
  void luhnAcceptsTestNumbersAndRejectsOneDigitChanges() {
    assertThat(CreditCardDetector.luhn("4111111111111111", 0, 16)).isTrue();
    assertThat(CreditCardDetector.luhn("4111 1111 1111 1111", 0, 19)).isTrue();
    assertThat(CreditCardDetector.luhn("4111111111111121", 0, 16)).isFalse();
    assertThat(CreditCardDetector.luhn("79927398713", 0, 11)).isTrue();
  }

  @Example
  void issuerPrefixesAndLengthsAreChecked() {
    assertThat(CreditCardDetector.issuerAccepts("4111111111111111", 0, 16, 16)).isTrue();
    assertThat(CreditCardDetector.issuerAccepts("378282246310005", 0, 15, 15)).isTrue();
    assertThat(CreditCardDetector.issuerAccepts("3782822463100050", 0, 16, 16)).isFalse();
    assertThat(CreditCardDetector.issuerAccepts("9111111111111111", 0, 16, 16)).isFalse();
  }

  @Example
  void trailingGroupsAfterTheNumberAreLeftOut() {
    String text = "4111 1111 1111 1111 12 25";
    assertThat(detector().detect(text, ScanContext.FREE_TEXT)).singleElement()
        .satisfies(s -> assertThat(s.end()).isEqualTo(19));
  }

  @Example
  void aCardKeyDropsTheIssuerCheckButNotLuhn() {
    ScanContext ctx = new ScanContext(Where.TOOL_ARGUMENTS, "card_number");
    // Luhn-valid, no known issuer prefix.
    assertThat(detector().detect("9999999999999995", ctx)).hasSize(1);
    assertThat(detector().detect("9999999999999996", ctx)).isEmpty();
  }
}
