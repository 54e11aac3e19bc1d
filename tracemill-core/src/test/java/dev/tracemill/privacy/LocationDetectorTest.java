package dev.tracemill.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LocationDetectorTest {
  private static final LocationDetector DETECTOR = new LocationDetector();

  private static List<Span> find(String text) {
    return DETECTOR.detect(text, ScanContext.FREE_TEXT);
  }

  @Test
  void cityAndCountryKeysGiveLocations() {
    assertThat(DETECTOR.detect("Springfield", new ScanContext(Where.TOOL_RESULT, "city")))
        .extracting(Span::type).containsExactly(EntityTypes.LOCATION);
  }

  @Test
  void streetAddressesAreLocations() {
    String text = "Ship it to 123 Main Street, please.";
    assertThat(find(text)).singleElement().satisfies(s -> {
      assertThat(s.type()).isEqualTo(EntityTypes.LOCATION);
      assertThat(text.substring(s.start(), s.end())).isEqualTo("123 Main Street");
    });
  }

  @Test
  void aKnownCountryAfterAPrepositionIsALocation() {
    String text = "She moved here from Portugal last year.";
    assertThat(find(text)).singleElement().satisfies(s -> {
      assertThat(s.type()).isEqualTo(EntityTypes.LOCATION);
      assertThat(text.substring(s.start(), s.end())).isEqualTo("Portugal");
    });
  }
}
