package dev.tracemill.privacy;

import java.util.ArrayList;
import java.util.List;

/**
 * The detectors the privacy stage runs, built in one place so that the pipeline and
 * {@code tracemill pii-eval} measure and use the same set.
 *
 * <p>{@link #defaults} lists the built-in detector families, one line each; the order is the order
 * their spans are reported in. A detector family joins the set by adding its line there, and nowhere
 * else.
 */
public record DetectorSet(List<Detector> detectors) {
  public DetectorSet {
    detectors = List.copyOf(detectors);
  }

  /**
   * The built-in detectors configured by {@code options}: the validated rules (e-mail, phone with
   * {@code options.region()} as the default region, card, IBAN, SSN, IP, MAC, URL secrets, date of
   * birth), then the provider secrets (API keys and tokens, private keys, passwords, generic secrets
   * next to a secret-ish keyword), then names, places and organisations (lexicons and context cues),
   * then the organisation dictionaries of {@code options}, if any.
   */
  public static DetectorSet defaults(PrivacyOptions options) {
    java.util.Objects.requireNonNull(options, "options is null");
    List<Detector> detectors = new ArrayList<>();
    detectors.addAll(RuleDetectors.all(options.region()));
    detectors.add(new SecretDetector());
    LocationDetector locations = new LocationDetector();
    detectors.add(new NameDetector(locations)); // reads the places once, for both
    detectors.add(locations);
    if (!options.dictionaries().isEmpty()) {
      detectors.add(new DictionaryDetector(options.dictionaries()));
    }
    return new DetectorSet(detectors);
  }

  /**
   * Whether an organisation dictionary of this set finds a term in a text (the privacy stage keeps
   * surrogates free of terms with it), or null when the set has no {@link DictionaryDetector}.
   */
  public java.util.function.Predicate<String> termFinder() {
    List<Detector> dictionaries = detectors.stream().filter(DictionaryDetector.class::isInstance).toList();
    if (dictionaries.isEmpty()) {
      return null;
    }
    return text -> {
      for (Detector d : dictionaries) {
        if (!d.detect(text, ScanContext.FREE_TEXT).isEmpty()) {
          return true;
        }
      }
      return false;
    };
  }

  /**
   * This set followed by {@code extra} (a plug-in detector such as the ONNX NER model), whose spans
   * are reported after the built-in ones'.
   */
  public DetectorSet with(List<Detector> extra) {
    java.util.Objects.requireNonNull(extra, "extra is null. Use List.of().");
    if (extra.isEmpty()) {
      return this;
    }
    List<Detector> all = new ArrayList<>(detectors);
    all.addAll(extra);
    return new DetectorSet(all);
  }

  @Override
  public String toString() {
    return "DetectorSet" + detectors.stream().map(Detector::name).toList();
  }
}
