package dev.tracemill.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tracemill.curate.ToolSchemas;
import dev.tracemill.export.ExportResult;
import dev.tracemill.export.Exporter;
import dev.tracemill.export.Exporters;
import dev.tracemill.model.AssistantMsg;
import dev.tracemill.model.Event;
import dev.tracemill.model.EventMeta;
import dev.tracemill.model.Json;
import dev.tracemill.model.ModelJson;
import dev.tracemill.model.Outcome;
import dev.tracemill.model.SourceRef;
import dev.tracemill.model.SystemMsg;
import dev.tracemill.model.ToolCall;
import dev.tracemill.model.ToolDef;
import dev.tracemill.model.ToolResult;
import dev.tracemill.model.Unit;
import dev.tracemill.model.UnitType;
import dev.tracemill.model.UserMsg;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tool definitions go through the privacy stage like the rest of the unit. */
class ToolDefinitionRedactionTest {
  private static final EventMeta META = EventMeta.of(new SourceRef("t.jsonl", 1));
  private static final String EMAIL = "jane.roe@qzxmail.io";
  private static final List<TermDictionary> DICTIONARIES = List.of(
      new TermDictionary("CUSTOMER", List.of("acme"), "customers.txt"),
      new TermDictionary("PROJECT", List.of("bluebird"), "projects.txt"));

  @TempDir Path dir;

  private static PrivacyStage stage(RedactionStyle style, boolean audit) {
    DetectorSet detectors = DetectorSet.defaults(new PrivacyOptions("US", DICTIONARIES));
    return new PrivacyStage(detectors, RedactionPolicy.defaults().withStyle(style), null, audit);
  }

  private static Unit unit(List<ToolDef> tools, Event... events) {
    return new Unit("u1", UnitType.TRAJECTORY, List.of(events), tools, Outcome.SUCCESS,
        new SourceRef("t.jsonl", 1), null, null, Map.of());
  }

  private static ToolDef tool(String name, String description, String schema) {
    return new ToolDef(name, description, Json.tryParse(schema));
  }

  private static ToolCall call(String id, String name, String args) {
    return new ToolCall(id, name, Json.tryParse(args), args, META);
  }

  private static String secret() {
    FakeSecrets f = new FakeSecrets(7);
    return "sk-" + f.draw(FakeSecrets.ALNUM, 20) + "T3BlbkFJ" + f.draw(FakeSecrets.ALNUM, 20);
  }

  @Test
  void aToolDescriptionIsScannedAndItsEntityGetsTheSurrogateItHasElsewhereInTheUnit() {
    Unit u = unit(List.of(tool("escalate", "Pages the on-call lead " + EMAIL + " when a ticket is urgent.",
            "{\"type\": \"object\", \"properties\": {\"note\": {\"type\": \"string\","
                + " \"description\": \"Copied to " + EMAIL + "\"}}}")),
        new UserMsg("Escalate it to " + EMAIL + " please.", META),
        new AssistantMsg("Done.", null, META));
    PrivacyStage.Outcome out = stage(RedactionStyle.SURROGATE, false).apply(u);
    String all = Json.write(ModelJson.unit(out.unit()));
    assertThat(all).doesNotContain(EMAIL);
    String user = ((UserMsg) out.unit().events().get(0)).text();
    String surrogate = user.substring("Escalate it to ".length(), user.length() - " please.".length());
    assertThat(surrogate).matches("[a-z]+\\.[a-z]+@example\\.(com|org|net)");
    ToolDef t = out.unit().tools().get(0);
    assertThat(t.name()).isEqualTo("escalate");
    assertThat(t.description()).isEqualTo("Pages the on-call lead " + surrogate + " when a ticket is urgent.");
    assertThat(t.parametersSchema().at("/properties/note/description").asText()).isEqualTo("Copied to " + surrogate);
    assertThat(t.parametersSchema().at("/properties/note/type").asText()).isEqualTo("string");
    assertThat(out.byWhere()).containsEntry(Where.TOOL_DEFINITION, 2).containsEntry(Where.MESSAGE_TEXT, 1);
  }

  @Test
  void aSecretInASchemaDefaultIsReplacedByTheFillTheCallsGetAndTheSchemaStaysValid() {
    String key = secret();
    String schema = "{\"type\": \"object\", \"properties\": {\"api_key\": {\"type\": \"string\", \"default\": \""
        + key + "\", \"examples\": [\"" + key + "\"], \"minLength\": 10}, \"mode\": {\"type\": \"string\","
        + " \"enum\": [\"fast\", \"slow\"]}}, \"required\": [\"api_key\", \"mode\"]}";
    Unit u = unit(List.of(tool("fetch", "Fetches a page.", schema)),
        new UserMsg("Fetch it.", META),
        new AssistantMsg("", null, META),
        call("c1", "fetch", "{\"api_key\": \"" + key + "\", \"mode\": \"fast\"}"),
        new ToolResult("c1", "fetch", "ok", false, META),
        new AssistantMsg("Fetched.", null, META));
    PrivacyStage.Outcome out = stage(RedactionStyle.SURROGATE, false).apply(u);
    assertThat(Json.write(ModelJson.unit(out.unit()))).doesNotContain(key);
    JsonNode redacted = out.unit().tools().get(0).parametersSchema();
    String fill = ((ToolCall) out.unit().events().get(2)).arguments().get("api_key").asText();
    assertThat(fill).isNotEqualTo(key).hasSameSizeAs(key);
    assertThat(redacted.at("/properties/api_key/default").asText()).isEqualTo(fill);
    assertThat(redacted.at("/properties/api_key/examples/0").asText()).isEqualTo(fill);
    // The same shape: every keyword where it was, structural ones untouched.
    assertThat(fieldPaths(redacted)).isEqualTo(fieldPaths(Json.tryParse(schema)));
    assertThat(redacted.at("/properties/mode")).isEqualTo(Json.tryParse(schema).at("/properties/mode"));
    assertThat(out.byWhere()).containsEntry(Where.TOOL_DEFINITION, 2).containsEntry(Where.TOOL_ARGUMENTS, 1);
    // The redacted call still satisfies the redacted schema, as the original did.
    ToolSchemas schemas = new ToolSchemas();
    assertThat(schemas.check(ToolSchemas.calls(u.events()), u.tools()).anyBad()).isFalse();
    assertThat(schemas.check(ToolSchemas.calls(out.unit().events()), out.unit().tools()).anyBad()).isFalse();
  }

  @Test
  void aDictionaryTermInAToolNameRenamesTheToolEverywhereInTheUnitAndEveryExporterStillWritesAValidRow()
      throws Exception {
    String schema = "{\"type\": \"object\", \"properties\": {\"query\": {\"type\": \"string\"}}, \"required\": [\"query\"]}";
    Unit u = unit(List.of(tool("acme_lookup", "Looks a ticket up.", schema), tool("weather", "Weather.", schema)),
        new SystemMsg("Use acme_lookup for tickets.", META),
        new UserMsg("Find ticket 12.", META),
        new AssistantMsg("", null, META),
        call("c1", "acme_lookup", "{\"query\": \"12\"}"),
        new ToolResult("c1", "acme_lookup", "{\"status\": \"open\"}", false, META),
        new AssistantMsg("", null, META),
        call("c2", "acme_lookup", "{\"query\": \"13\"}"),
        call("c3", "weather", "{\"query\": \"Oslo\"}"),
        new ToolResult("c2", "acme_lookup", "{\"status\": \"closed\"}", false, META),
        new ToolResult("c3", "weather", "{\"sky\": \"clear\"}", false, META),
        new AssistantMsg("Ticket 12 is open.", null, META));
    PrivacyStage.Outcome out = stage(RedactionStyle.SURROGATE, true).apply(u);
    Unit r = out.unit();
    String renamed = r.tools().get(0).name();
    assertThat(renamed).matches("Customer-[0-9A-F]{4}_lookup").matches("^[a-zA-Z0-9_-]{1,64}$");
    assertThat(r.tools().get(1).name()).isEqualTo("weather");
    List<String> callNames = new ArrayList<>();
    List<String> resultNames = new ArrayList<>();
    for (Event e : r.events()) {
      if (e instanceof ToolCall c) {
        callNames.add(c.name());
      } else if (e instanceof ToolResult res) {
        resultNames.add(res.name());
      }
    }
    assertThat(callNames).containsExactly(renamed, renamed, "weather");
    assertThat(resultNames).containsExactly(renamed, renamed, "weather");
    // The name in free text gets the same surrogate, so the prompt still names the tool.
    assertThat(((SystemMsg) r.events().get(0)).text()).isEqualTo("Use " + renamed + " for tickets.");
    assertThat(out.byWhere()).containsEntry(Where.TOOL_DEFINITION, 1);
    assertThat(out.byType()).containsEntry("CUSTOMER", 2);

    ToolSchemas schemas = new ToolSchemas();
    assertThat(schemas.check(ToolSchemas.calls(r.events()), r.tools()))
        .isEqualTo(schemas.check(ToolSchemas.calls(u.events()), u.tools()));
    LeakGate gate = new LeakGate(DICTIONARIES);
    gate.remember(out.replaced());
    List<String> files = new ArrayList<>();
    for (Exporter x : Exporters.ALL) {
      ExportResult original = x.export(u);
      ExportResult result = x.export(r);
      assertThat(result.isRow()).as(x.name()).isEqualTo(original.isRow());
      if (result.isRow()) {
        assertThat(x.validate(result.row())).as(x.name()).isEmpty();
        Files.writeString(dir.resolve(x.name() + ".jsonl"), Json.write(result.row()) + "\n");
        files.add(x.name() + ".jsonl");
      }
    }
    assertThat(files).contains("openai.jsonl", "vertex.jsonl").hasSizeGreaterThan(2);
    assertThat(gate.scan(dir, files)).isEmpty();
  }

  @Test
  void aRenamedToolIsMadeAFunctionNameThatNoOtherToolOfTheUnitHas() {
    Unit u = unit(List.of(tool("acme", null, null), tool("bluebird", null, null), tool("Customer-0000", null, null)),
        new UserMsg("Hi.", META), new AssistantMsg("Hello.", null, META));
    Unit tags = stage(RedactionStyle.TAG, false).apply(u).unit();
    assertThat(tags.tools()).extracting(ToolDef::name).containsExactly("_CUSTOMER_1_", "_PROJECT_1_", "Customer-0000");
    Unit masks = stage(RedactionStyle.MASK, false).apply(u).unit();
    assertThat(masks.tools()).extracting(ToolDef::name).containsExactly("_REDACTED_", "_REDACTED__2", "Customer-0000");
    assertThat(PrivacyStage.functionName("9-" + "x".repeat(80))).startsWith("_9-").hasSize(64);
  }

  @Test
  void aNameOrPlaceTheLexiconsGuessInAToolNameIsNoReasonToRenameIt() {
    Unit u = unit(List.of(tool("get_paris_weather", null, null), tool("email_jane_doe", null, null)),
        new UserMsg("Hi.", META), new AssistantMsg("Hello.", null, META));
    assertThat(stage(RedactionStyle.SURROGATE, false).apply(u).unit().tools()).extracting(ToolDef::name)
        .containsExactly("get_paris_weather", "email_jane_doe");
  }

  @Test
  void propertyNamesEnumsAndPatternsStayConsistentDistinctAndValid() {
    String schema = "{\"type\": \"object\", \"properties\": {"
        + "\"acme_id\": {\"type\": \"string\", \"pattern\": \"^acme-[0-9]+$\"},"
        + "\"owner\": {\"type\": \"string\", \"enum\": [\"" + EMAIL + "\", \"bob.stone@qzxmail.io\", \"[REDACTED]\"]},"
        + "\"bluebird\": {\"type\": \"string\", \"pattern\": \"^(?<bluebird>[0-9]+)$\"}},"
        + " \"required\": [\"acme_id\", \"owner\"], \"x-acme-team\": \"acme ops\"}";
    Unit u = unit(List.of(tool("assign", "Assigns a ticket.", schema)),
        new UserMsg("Assign it.", META),
        new AssistantMsg("", null, META),
        call("c1", "assign", "{\"acme_id\": \"acme-12\", \"owner\": \"" + EMAIL + "\"}"),
        new ToolResult("c1", "assign", "ok", false, META),
        new AssistantMsg("Assigned.", null, META));
    PrivacyStage.Outcome out = stage(RedactionStyle.MASK, false).apply(u);
    JsonNode s = out.unit().tools().get(0).parametersSchema();
    JsonNode args = ((ToolCall) out.unit().events().get(2)).arguments();
    String id = args.fieldNames().next();
    assertThat(id).isEqualTo("[REDACTED]_id");
    assertThat(s.get("properties").has(id)).isTrue();
    assertThat(s.get("required").get(0).asText()).isEqualTo(id);
    assertThat(s.at("/properties/owner/enum")).hasSize(3);
    assertThat(new HashSet<>(List.of(s.at("/properties/owner/enum/0"), s.at("/properties/owner/enum/1"),
        s.at("/properties/owner/enum/2")))).hasSize(3);
    assertThat(s.at("/properties/owner/enum/2").asText()).isEqualTo("[REDACTED]");
    // "^[REDACTED]-[0-9]+$" still compiles (a character class); a group named [REDACTED] does not, so the
    // pattern accepts anything.
    assertThat(s.at("/properties/" + id + "/pattern").asText()).isEqualTo("^[REDACTED]-[0-9]+$");
    assertThat(s.at("/properties/[REDACTED]/pattern").asText()).isEqualTo(ToolSchemaRedactor.ANY);
    assertThat(s.has("x-[REDACTED]-team")).isTrue();
    assertThat(Json.write(s)).doesNotContainIgnoringCase("acme").doesNotContainIgnoringCase("bluebird")
        .doesNotContain("qzxmail");
  }

  @Test
  void redactingARedactedUnitAgainChangesNothing() {
    String key = secret();
    String schema = "{\"type\": \"object\", \"properties\": {\"acme_ref\": {\"type\": \"string\", \"default\": \""
        + key + "\", \"description\": \"Ask " + EMAIL + "\", \"enum\": [\"" + EMAIL + "\", \"x\"]}}}";
    Unit u = unit(List.of(tool("bluebird_status", "Status of bluebird for " + EMAIL, schema)),
        new UserMsg("Status?", META),
        new AssistantMsg("", null, META),
        call("c1", "bluebird_status", "{\"acme_ref\": \"" + EMAIL + "\"}"),
        new ToolResult("c1", "bluebird_status", "green", false, META),
        new AssistantMsg("Green.", null, META));
    for (RedactionStyle style : RedactionStyle.values()) {
      PrivacyStage stage = stage(style, false);
      Unit once = stage.apply(u).unit();
      assertThat(once).as(style.name()).isNotEqualTo(u);
      Unit twice = stage.apply(once).unit();
      assertThat(twice).as(style.name()).isEqualTo(once);
    }
  }

  private static List<String> fieldPaths(JsonNode node) {
    List<String> out = new ArrayList<>();
    collect(node, "", out);
    return out;
  }

  private static void collect(JsonNode node, String path, List<String> out) {
    if (node.isObject()) {
      node.fields().forEachRemaining(f -> {
        out.add(path + "/" + f.getKey());
        collect(f.getValue(), path + "/" + f.getKey(), out);
      });
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        collect(node.get(i), path + "/" + i, out);
      }
    }
  }
}
