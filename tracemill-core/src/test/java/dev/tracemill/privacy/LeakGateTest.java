package dev.tracemill.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeakGateTest {
  @TempDir Path dir;

  @Test
  void aReplacedValueFoundAsAWholeTokenIsAResidualNamedByFileLineAndTypeOnly() throws Exception {
    LeakGate gate = new LeakGate();
    gate.remember(List.of(new AuditPair(EntityTypes.EMAIL, "a.b@qzxmail.io", "lake.pine@example.com"),
        new AuditPair(EntityTypes.PERSON, "Jane Doe", "Chloe Abbott"),
        new AuditPair(EntityTypes.EMAIL, "c.d@example.org", "c.d@example.org")));
    assertThat(gate.values()).as("names and values left as they were are not searched").isEqualTo(1);
    Files.writeString(dir.resolve("f.jsonl"), String.join("\n",
        "{\"t\": \"clean\"}",
        "{\"t\": \"write to a.b@qzxmail.io now\"}",
        "{\"t\": \"x.a.b@qzxmail.io.uk is another address\"}",
        "{\"t\": \"Jane Doe\"}") + "\n", StandardCharsets.UTF_8);
    List<LeakGate.Residual> residuals = gate.scan(dir, List.of("f.jsonl"));
    assertThat(residuals).extracting(Object::toString).containsExactly("f.jsonl:2 (EMAIL)");
  }

  @Test
  void aNameSearchedInAUnitIsAResidualInThatUnitsRowsOnly() throws Exception {
    LeakGate gate = new LeakGate();
    gate.rememberNames("u1", java.util.Map.of("Jane Okafor", EntityTypes.PERSON, "Okafor", EntityTypes.PERSON,
        "Acme Corp.", EntityTypes.ORGANIZATION));
    gate.rememberNames("u2", java.util.Map.of("Lisbon", EntityTypes.LOCATION));
    Files.writeString(dir.resolve("train.jsonl"), String.join("\n",
        "{\"t\": \"Okafor's order, call_Okafor, okafor\"}",
        "{\"t\": \"Okafor and Lisbon\"}",
        "{\"t\": \"a note from Acme Corp. today\"}",
        "{\"t\": \"Okafor\"}") + "\n", StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("train.meta.jsonl"), String.join("\n",
        "{\"id\":\"u2\",\"type\":\"qa\"}",
        "{\"id\":\"u1\",\"type\":\"qa\",\"metadata\":{\"city\":\"Lisbon\"}}",
        "{\"id\":\"u1\",\"type\":\"qa\"}",
        "{\"id\":\"u3\",\"type\":\"qa\"}") + "\n", StandardCharsets.UTF_8);
    List<LeakGate.Residual> residuals = gate.scan(dir, List.of("train.jsonl", "train.meta.jsonl"));
    // row 1 is unit u2's (Okafor is u1's name), row 2 u1's holds Okafor, row 3 u1's holds Acme Corp.,
    // row 4 belongs to a unit with no names; in the sidecar, u1's row holds u2's place only
    assertThat(residuals).extracting(Object::toString)
        .containsExactly("train.jsonl:2 (PERSON)", "train.jsonl:3 (ORGANIZATION)");
    assertThat(gate.values()).isEqualTo(4);
    assertThat(gate.toString()).doesNotContain("Okafor");
  }

  @Test
  void aSecretInTheOutputIsAResidualEvenIfNothingWasReplaced() throws Exception {
    LeakGate gate = new LeakGate();
    String key = "ghp_" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8";
    Files.writeString(dir.resolve("f.jsonl"), "{\"t\": \"token " + key + "\"}\n", StandardCharsets.UTF_8);
    assertThat(gate.scan(dir, List.of("f.jsonl"))).extracting(LeakGate.Residual::type)
        .containsExactly(EntityTypes.SECRET);
  }

  @Test
  void aReplacedDictionaryTermIsFoundInAnyCaseOnWordBoundariesButNotInsideItsSurrogate() throws Exception {
    TermDictionary customers = new TermDictionary("CUSTOMER", List.of("Acme", "Globex", "Customer"), "c.txt");
    LeakGate gate = new LeakGate(List.of(customers));
    gate.remember(List.of(new AuditPair("CUSTOMER", "ACME", "Customer-1F2E"),
        new AuditPair("CUSTOMER", "customer", "Customer-0A0A"),
        new AuditPair("CUSTOMER", "Acme Rocket", "Customer-3C3C"),
        new AuditPair(EntityTypes.PERSON, "Globex", "Grace")));
    assertThat(gate.values()).as("replaced values that are terms, whichever type won").isEqualTo(3);
    Files.writeString(dir.resolve("f.jsonl"), String.join("\n",
        "{\"t\": \"Customer-1F2E and Customer-0A0A wrote\"}",
        "{\"t\": \"the acme-web repo\"}",
        "{\"t\": \"Acmeville\"}",
        "{\"t\": \"dear customer\"}",
        "{\"t\": \"GLOBEX\"}") + "\n", StandardCharsets.UTF_8);
    List<LeakGate.Residual> residuals = gate.scan(dir, List.of("f.jsonl"));
    assertThat(residuals).extracting(Object::toString)
        .containsExactly("f.jsonl:2 (CUSTOMER)", "f.jsonl:4 (CUSTOMER)", "f.jsonl:5 (CUSTOMER)");
    assertThat(gate.toString()).doesNotContainIgnoringCase("acme");
  }

  @Test
  void aValueThatStartsALongerTokenIsNotAHit() {
    assertThat(LeakGate.wholeToken("x@a.example.net", 0, "x@a.example.ne".length())).isFalse();
    assertThat(LeakGate.wholeToken("<x@a.example.ne>", 1, 15)).isTrue();
  }
}
