package dev.tracemill.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Example;

class IbanDetectorTest implements DetectorContract {
  @Override
  public Detector detector() {
    return new IbanDetector();
  }

  @Override
  public String type() {
    return EntityTypes.IBAN;
  }

  @Override
  public List<String> positives() {
    return List.of("IBAN GB82WEST12345698765432 please", "GB82 WEST 1234 5698 7654 32",
        "de89370400440532013000", "to DE89 3704 0044 0532 0130 00.", "NL91ABNA0417164300",
        "FR1420041010050500013M02606");
  }

  @Override
  public List<String> negatives() {
    return List.of("GB82WEST12345698765433", "GB82WEST1234569876543", "XX82WEST12345698765432",
        "GB82WEST12345698765432X", "gB82WEST12345698765432", "sha GB82WEST12345698765432abc",
        "DE89 3704 0044 0532 0130 0");
  }

  @Example
  void mod97OfDocumentedExamplesIsOne() {
    assertThat(IbanDetector.mod97("GB82WEST12345698765432", 0, 22)).isEqualTo(1);
    assertThat(IbanDetector.mod97("GB82 WEST 1234 5698 7654 32", 0, 27)).isEqualTo(1);
    assertThat(IbanDetector.mod97("GB82WEST12345698765431", 0, 22)).isNotEqualTo(1);
  }

  @Example
  void lengthsComeFromTheRegistry() {
    assertThat(IbanDetector.registeredLength('G', 'B')).isEqualTo(22);
    assertThat(IbanDetector.registeredLength('n', 'o')).isEqualTo(15);
    assertThat(IbanDetector.registeredLength('Z', 'Z')).isNull();
  }

  @Example
  void spanCoversTheGroupedForm() {
    String text = "to DE89 3704 0044 0532 0130 00.";
    assertThat(detector().detect(text, ScanContext.FREE_TEXT)).singleElement()
        .satisfies(s -> assertThat(text.substring(s.start(), s.end())).isEqualTo("DE89 3704 0044 0532 0130 00"));
  }
}
