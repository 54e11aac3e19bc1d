package dev.tracemill.privacy;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What the privacy stage's detectors are configured with.
 *
 * @param region the ISO 3166-1 two-letter country whose national number formats phone detection
 *     assumes for numbers written without a country code ({@code US} unless set); stored upper case
 * @param dictionaries organisation dictionaries ({@code --pii-dictionary}), matched by a
 *     {@link DictionaryDetector}; empty for none
 */
public record PrivacyOptions(String region, List<TermDictionary> dictionaries) {
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
    dictionaries = List.copyOf(requireNonNull(dictionaries, "dictionaries is null. Use List.of() for none."));
  }

  /** Options with no organisation dictionary. */
  public PrivacyOptions(String region) {
    this(region, List.of());
  }

  public static PrivacyOptions defaults() {
    return new PrivacyOptions(DEFAULT_REGION);
  }
}
