package dev.tracemill.privacy;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Set;

/**
 * What the privacy stage's detectors are configured with.
 *
 * @param region the ISO 3166-1 two-letter country whose national number formats phone detection
 *     assumes for numbers written without a country code ({@code US} unless set); stored upper case
 */
public record PrivacyOptions(String region) {
  public static final String DEFAULT_REGION = "US";

  private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

  public PrivacyOptions {
    requireNonNull(region, "region is null. Use PrivacyOptions.defaults() for the default region "
        + DEFAULT_REGION);
    region = region.strip().toUpperCase(Locale.ROOT);
    if (!COUNTRIES.contains(region)) {
      throw new IllegalArgumentException("region must be an ISO 3166-1 two-letter country code such as US, GB "
          + "or DE, got '" + region + "'");
    }
  }

  public static PrivacyOptions defaults() {
    return new PrivacyOptions(DEFAULT_REGION);
  }
}
