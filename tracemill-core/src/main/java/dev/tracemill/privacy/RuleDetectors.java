package dev.tracemill.privacy;

import java.util.List;

/**
 * The rule-based PII detectors (issue 3), each a validated pattern with its rules in its javadoc:
 * e-mail, phone, payment card, IBAN, US SSN, IP and MAC addresses, URL credentials and secret query
 * parameters, and dates of birth in context. They share no state and are thread-safe.
 */
public final class RuleDetectors {
  private RuleDetectors() {}

  /**
   * All rule detectors in a fixed order (the order only matters for deterministic reports; the caller
   * merges overlapping spans). {@code defaultRegion} is the ISO 3166 region whose national phone
   * formats count without a country code, for example {@code "US"} or {@code "GB"}.
   *
   * @throws IllegalArgumentException if libphonenumber does not know the region
   */
  public static List<Detector> all(String defaultRegion) {
    return List.of(new EmailDetector(), new PhoneDetector(defaultRegion), new CreditCardDetector(),
        new IbanDetector(), new UsSsnDetector(), new IpAddressDetector(), new MacAddressDetector(),
        new UrlCredentialsDetector(), new UrlSecretParamDetector(), new DateOfBirthDetector());
  }

  /** All rule detectors with US national phone formats. */
  public static List<Detector> all() {
    return all(PhoneDetector.DEFAULT_REGION);
  }
}
