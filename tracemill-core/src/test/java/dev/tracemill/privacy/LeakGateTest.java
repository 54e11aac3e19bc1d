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
  void aSecretInTheOutputIsAResidualEvenIfNothingWasReplaced() throws Exception {
    LeakGate gate = new LeakGate();
    String key = "ghp_" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8";
    Files.writeString(dir.resolve("f.jsonl"), "{\"t\": \"token " + key + "\"}\n", StandardCharsets.UTF_8);
    assertThat(gate.scan(dir, List.of("f.jsonl"))).extracting(LeakGate.Residual::type)
        .containsExactly(EntityTypes.SECRET);
  }

  @Test
  void aValueThatStartsALongerTokenIsNotAHit() {
    assertThat(LeakGate.wholeToken("x@a.example.net", 0, "x@a.example.ne".length())).isFalse();
    assertThat(LeakGate.wholeToken("<x@a.example.ne>", 1, 15)).isTrue();
  }
}
