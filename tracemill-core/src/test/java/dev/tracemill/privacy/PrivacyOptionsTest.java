package dev.tracemill.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PrivacyOptionsTest {
  @Test
  void theRegionIsAnIsoCountryStoredUpperCase() {
    assertThat(PrivacyOptions.defaults().region()).isEqualTo("US");
    assertThat(new PrivacyOptions(" gb ").region()).isEqualTo("GB");
  }

  @Test
  void anUnknownRegionIsRejectedWithExamples() {
    assertThatThrownBy(() -> new PrivacyOptions("XX")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ISO 3166-1").hasMessageContaining("got 'XX'");
    assertThatThrownBy(() -> new PrivacyOptions("USA")).isInstanceOf(IllegalArgumentException.class);
  }
}
