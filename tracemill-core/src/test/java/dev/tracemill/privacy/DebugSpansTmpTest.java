package dev.tracemill.privacy;

import org.junit.jupiter.api.Test;

class DebugSpansTmpTest {
  @Test
  void show() {
    var ds = DetectorSet.defaults(PrivacyOptions.defaults()).detectors();
    for (DecoyCorpus.Line l : DecoyCorpus.builtIn().lines()) {
      for (Detector d : ds) {
        for (Span s : d.detect(l.text(), ScanContext.FREE_TEXT)) {
          System.out.println("DBG " + l.number() + " " + s + " '" + l.text().substring(s.start(), s.end()) + "' in: " + l.text());
        }
      }
    }
  }
}
