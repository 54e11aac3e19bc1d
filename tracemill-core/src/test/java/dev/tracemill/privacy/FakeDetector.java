package dev.tracemill.privacy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Returns, for each text it knows, the spans it was given as (start, end, type) triples. */
final class FakeDetector implements Detector {
  private final String name;
  private final Map<String, List<At>> byText;

  FakeDetector(String name, Map<String, List<At>> byText) {
    this.name = name;
    this.byText = byText;
  }

  /** A span to report, or a gold entity to label, in tests. */
  record At(int start, int end, String type) {}

  static At span(int start, int end, String type) {
    return new At(start, end, type);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public List<Span> detect(String text, ScanContext context) {
    List<Span> out = new ArrayList<>();
    for (At s : byText.getOrDefault(text, List.of())) {
      out.add(new Span(s.start(), s.end(), s.type(), 0.9, name));
    }
    return out;
  }
}
