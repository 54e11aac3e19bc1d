package dev.tracemill.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Over-redaction, measured: the built-in decoy corpus (versions, prices, timestamps, HTTP codes, code
 * identifiers, commit hashes, request ids, paths, colours, ports...) must survive the default detectors.
 */
class DecoySurvivalTest {
  @Test
  void builtInCorpusHasHundredsOfDecoysOfManyKindsAndNoMalformedLine() {
    DecoyCorpus corpus = DecoyCorpus.builtIn();
    assertThat(corpus.malformed()).isEmpty();
    assertThat(corpus.decoys()).isGreaterThanOrEqualTo(400);
    assertThat(corpus.lines().stream().map(DecoyCorpus.Line::kind).distinct().count()).isGreaterThanOrEqualTo(15);
  }

  @Test
  void atLeastNinetyEightPercentOfDecoysSurviveTheDefaultDetectors() {
    DecoyReport report = DecoyEvaluator.evaluate(DetectorSet.defaults(PrivacyOptions.defaults()).detectors(),
        DecoyCorpus.builtIn());
    System.out.print(report.table());
    assertThat(report.survivalRate()).as(report.table()).isGreaterThanOrEqualTo(0.98);
    for (Map.Entry<String, DecoyReport.Kind> k : report.byKind().entrySet()) {
      assertThat(k.getValue().survivalRate()).as("kind %s", k.getKey()).isGreaterThanOrEqualTo(0.9);
    }
  }

  @Test
  void aDecoyTouchedByOneCharacterIsEatenAndNamesItsDetector() {
    DecoyCorpus corpus = DecoyCorpus.parse("# comment\nversion\tpin [[1.2.3]] and [[2.0]]\n", "test");
    Detector eatsTheOne = new Detector() {
      @Override
      public String name() {
        return "fake";
      }

      @Override
      public List<Span> detect(String text, ScanContext context) {
        int i = text.indexOf('3');
        return i < 0 ? List.of() : List.of(new Span(i, i + 1, "PHONE", 0.9, "fake"));
      }
    };
    DecoyReport report = DecoyEvaluator.evaluate(List.of(eatsTheOne), corpus);
    assertThat(report.decoys()).isEqualTo(2);
    assertThat(report.survived()).isEqualTo(1);
    assertThat(report.byKind().get("version").eatenBy()).containsEntry("fake:PHONE", 1L);
    assertThat(report.eaten()).singleElement().satisfies(e -> {
      assertThat(e.decoy()).isEqualTo("1.2.3");
      assertThat(e.line()).isEqualTo(2);
    });
  }

  @Test
  void malformedLinesAreListedWithTheirLineAndTheRestIsScored() {
    DecoyCorpus corpus = DecoyCorpus.parse("no tab here\nport\tno mark\nport\t[[8080\nport\tok [[:8080]]\n\tx [[1]]\n",
        "f.tsv");
    assertThat(corpus.lines()).singleElement().satisfies(l -> assertThat(l.text()).isEqualTo("ok :8080"));
    assertThat(corpus.malformed()).containsExactly("line 1: no tab between the kind and the text",
        "line 2: no decoy marked with [[ ]]", "line 3: a [[ is not closed", "line 5: the kind is empty");
  }
}
