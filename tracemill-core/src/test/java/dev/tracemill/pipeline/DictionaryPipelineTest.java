package dev.tracemill.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tracemill.model.Json;
import dev.tracemill.privacy.RedactionStyle;
import dev.tracemill.privacy.TermDictionary;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Organisation dictionaries through a whole run: replaced, counted by type, gated, never reported. */
class DictionaryPipelineTest {
  @TempDir Path dir;

  private Path input() throws Exception {
    Path in = dir.resolve("chat.jsonl");
    Files.writeString(in, String.join("\n",
        PipelineTest.chat("Acme Rocket says project Bluebird is late", "I will tell ACME ROCKET about Bluebird."),
        PipelineTest.chat("Is the bluebird build green?", "Yes, build 1.2.3 passed.")) + "\n", StandardCharsets.UTF_8);
    return in;
  }

  private List<TermDictionary> dictionaries() throws Exception {
    Path customers = dir.resolve("customers.txt");
    Files.writeString(customers, "# customers\nAcme Rocket\n");
    Path projects = dir.resolve("projects.csv");
    Files.writeString(projects, "term,owner\nBluebird,ml\n");
    return List.of(TermDictionary.load("customer", customers), TermDictionary.load("PROJECT", projects));
  }

  private static String everything(Path root) throws Exception {
    StringBuilder b = new StringBuilder();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
        b.append(Files.readString(p, StandardCharsets.UTF_8));
      }
    }
    return b.toString();
  }

  @Test
  void termsAreReplacedConsistentlyCountedByTheirTypeAndAppearNowhereInTheOutputs() throws Exception {
    RunConfig config = RunConfig.builder().input(input().toString()).out(dir.resolve("out"))
        .piiDictionaries(dictionaries()).build();
    RunResult result = Pipeline.run(config, null);
    JsonNode report = result.report();
    assertThat(report.at("/pii/by_type/CUSTOMER").asInt()).isEqualTo(2);
    assertThat(report.at("/pii/by_type/PROJECT").asInt()).isEqualTo(3);
    assertThat(report.at("/pii/residual").asInt()).isZero();
    assertThat(report.at("/pii/leak_gate/values_searched").asInt()).as("the two replaced terms").isEqualTo(2);
    assertThat(report.at("/config/pii_dictionaries/CUSTOMER").asInt()).isEqualTo(1);
    String out = everything(dir.resolve("out"));
    assertThat(out).doesNotContainIgnoringCase("acme rocket").doesNotContainIgnoringCase("bluebird")
        .contains("1.2.3");
    List<String> rows = Files.readAllLines(dir.resolve("out/sft/trl/train.jsonl"));
    assertThat(rows).hasSize(2);
    for (String row : rows) {
      JsonNode messages = Json.MAPPER.readTree(row).get("messages");
      String user = messages.get(0).get("content").asText();
      String assistant = messages.get(1).get("content").asText();
      if (user.startsWith("Customer-")) {
        String customer = user.substring(0, 13);
        assertThat(customer).matches("Customer-[0-9A-F]{4}");
        assertThat(assistant).contains(customer);
        assertThat(user).containsPattern("project Project-[0-9A-F]{4} is late");
      }
    }
  }

  @Test
  void tagStyleNumbersDictionaryEntitiesLikeOthers() throws Exception {
    RunConfig config = RunConfig.builder().input(input().toString()).out(dir.resolve("out"))
        .piiDictionaries(dictionaries()).piiStyle(RedactionStyle.TAG).build();
    Pipeline.run(config, null);
    assertThat(Files.readString(dir.resolve("out/sft/trl/train.jsonl")))
        .contains("<CUSTOMER_1> says project <PROJECT_1> is late").contains("tell <CUSTOMER_1> about <PROJECT_1>");
  }

  @Test
  void termsInToolDefinitionsAreReplacedAndTheRenamedToolStaysConsistentSoTheLeakGatePasses() throws Exception {
    String row = "{\"messages\": [{\"role\": \"user\", \"content\": \"Escalate Acme Rocket\"},"
        + " {\"role\": \"assistant\", \"content\": null, \"tool_calls\": [{\"id\": \"c1\", \"type\": \"function\","
        + " \"function\": {\"name\": \"bluebird_status\", \"arguments\": \"{\\\"account\\\": \\\"acme rocket\\\"}\"}}]},"
        + " {\"role\": \"tool\", \"tool_call_id\": \"c1\", \"content\": \"green\"},"
        + " {\"role\": \"assistant\", \"content\": \"Done.\"}],"
        + " \"tools\": [{\"type\": \"function\", \"function\": {\"name\": \"bluebird_status\","
        + " \"description\": \"Pages the acme rocket account team\", \"parameters\": {\"type\": \"object\","
        + " \"properties\": {\"account\": {\"type\": \"string\", \"enum\": [\"acme rocket\", \"other\"]}}}}}]}";
    Path in = dir.resolve("tools.jsonl");
    Files.writeString(in, row + "\n");
    RunConfig config = RunConfig.builder().input(in.toString()).out(dir.resolve("out"))
        .piiDictionaries(dictionaries()).build();
    JsonNode report = Pipeline.run(config, null).report();
    assertThat(report.at("/pii/residual").asInt()).isZero();
    assertThat(report.at("/pii/by_location/tool_definition").asInt()).as("description, enum entry, name").isEqualTo(3);
    String out = everything(dir.resolve("out"));
    assertThat(out).doesNotContainIgnoringCase("acme rocket").doesNotContainIgnoringCase("bluebird");
    JsonNode written = Json.MAPPER.readTree(Files.readAllLines(dir.resolve("out/sft/trl/train.jsonl")).get(0));
    String tool = written.at("/tools/0/function/name").asText();
    assertThat(tool).matches("Project-[0-9A-F]{4}_status");
    assertThat(written.at("/messages/1/tool_calls/0/function/name").asText()).isEqualTo(tool);
    String customer = written.at("/tools/0/function/description").asText().substring("Pages the ".length(),
        "Pages the ".length() + 13);
    assertThat(customer).matches("Customer-[0-9A-F]{4}");
    assertThat(written.at("/tools/0/function/parameters/properties/account/enum/0").asText()).isEqualTo(customer);
    assertThat(written.at("/messages/1/tool_calls/0/function/arguments").toString()).contains(customer);
    JsonNode meta = Json.MAPPER.readTree(Files.readAllLines(dir.resolve("out/sft/trl/train.meta.jsonl")).get(0));
    assertThat(meta.get("tools").get(0).asText()).isEqualTo(tool);
    assertThat(meta.get("invalid_tool_calls").asInt()).isZero();
  }

  @Test
  void aTermLeftInASchemaDefinitionNameFailsTheRunNamingTheTypeNotTheTerm() throws Exception {
    // $defs names are kept ($refs point to them): the gate is what catches a term there.
    String row = "{\"messages\": [{\"role\": \"user\", \"content\": \"Escalate Acme Rocket\"},"
        + " {\"role\": \"assistant\", \"content\": \"Done.\"}],"
        + " \"tools\": [{\"type\": \"function\", \"function\": {\"name\": \"escalate\","
        + " \"parameters\": {\"type\": \"object\", \"$defs\": {\"acme rocket\": {\"type\": \"string\"}}}}}]}";
    Path in = dir.resolve("tools.jsonl");
    Files.writeString(in, row + "\n");
    RunConfig config = RunConfig.builder().input(in.toString()).out(dir.resolve("out"))
        .piiDictionaries(dictionaries()).build();
    assertThatThrownBy(() -> Pipeline.run(config, null))
        .isInstanceOf(RunFailedException.class)
        .hasMessageContaining("sft/trl/train.jsonl:1 (CUSTOMER)")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContainIgnoringCase("acme"));
    assertThat(dir.resolve("out/sft/trl/train.jsonl")).doesNotExist();
  }

  @Test
  void dictionariesNeedThePrivacyStage() throws Exception {
    RunConfig.Builder b = RunConfig.builder().input(input().toString()).out(dir.resolve("out"))
        .piiDictionaries(dictionaries()).pii(false);
    assertThatThrownBy(b::build).hasMessageContaining("pii-dictionary needs the privacy stage");
  }

  @Test
  void theConfigKeyTakesAMappingOrAListAndResolvesPathsAgainstTheConfigFolder() throws Exception {
    dictionaries();
    Path yaml = dir.resolve("tracemill.yaml");
    Files.writeString(yaml, "in: chat.jsonl\nout: out\npii-dictionary:\n  customer: customers.txt\n  PROJECT: projects.csv\n");
    RunConfig c = ConfigFile.load(yaml).applyTo(RunConfig.builder()).build();
    assertThat(c.piiDictionaries()).extracting(TermDictionary::type).containsExactly("CUSTOMER", "PROJECT");
    assertThat(c.piiDictionaries().get(1).terms()).containsExactly("bluebird");
    ConfigFile list = ConfigFile.parse("pii-dictionary: [CUSTOMER=customers.txt]\n", "t.yaml", dir);
    assertThat(list.applyTo(RunConfig.builder().input("x").out(dir)).build().piiDictionaries()).hasSize(1);
    ConfigFile missing = ConfigFile.parse("pii-dictionary: {CUSTOMER: nope.txt}\n", "t.yaml", dir);
    assertThatThrownBy(() -> missing.applyTo(RunConfig.builder()))
        .hasMessageContaining("t.yaml, key 'pii-dictionary'").hasMessageContaining("nope.txt")
        .hasMessageContaining("does not exist");
    assertThatThrownBy(() -> ConfigFile.parse("pii-dictionary: 3\n", "t.yaml", dir))
        .hasMessageContaining("key 'pii-dictionary' expects");
    assertThat(ConfigFile.KEYS).contains("pii-dictionary");
  }
}
