package dev.tracemill.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tracemill.curate.ToolSchemas;
import dev.tracemill.export.Exporter;
import dev.tracemill.export.Exporters;
import dev.tracemill.model.AssistantMsg;
import dev.tracemill.model.Event;
import dev.tracemill.model.EventMeta;
import dev.tracemill.model.Json;
import dev.tracemill.model.ModelJson;
import dev.tracemill.model.Outcome;
import dev.tracemill.model.SourceRef;
import dev.tracemill.model.ToolCall;
import dev.tracemill.model.ToolDef;
import dev.tracemill.model.ToolResult;
import dev.tracemill.model.Unit;
import dev.tracemill.model.UnitType;
import dev.tracemill.model.UserMsg;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Invariants of tool-definition redaction over random tool names, property names, enums and
 * descriptions built from dictionary terms, e-mail addresses, surrogates and ordinary words.
 */
class ToolDefinitionPropertyTest {
  private static final EventMeta META = EventMeta.of(new SourceRef("t.jsonl", 1));
  private static final List<TermDictionary> DICTIONARIES = List.of(
      new TermDictionary("CUSTOMER", List.of("acme"), "customers.txt"),
      new TermDictionary("PROJECT", List.of("bluebird"), "projects.txt"));
  private static final DictionaryDetector TERMS = new DictionaryDetector(DICTIONARIES);
  private static final String FUNCTION_NAME = "[A-Za-z_][A-Za-z0-9_-]{0,63}";

  // No names or places among the fragments: a fictional person or town that replaced one is a name or a
  // place again to a fresh context, so only the types whose surrogates lie in reserved ranges (see Redactor)
  // are idempotent across two passes; that holds for every part of a unit, not only tool definitions. No
  // e-mail address glued to a term either ("a@b.io_acme"): a known limit of the tag and mask styles
  // (docs/privacy.md, organisation dictionaries).
  @Provide
  Arbitrary<String> names() {
    Arbitrary<String> fragment = Arbitraries.of("acme", "Bluebird", "get", "lookup", "weather",
        "Customer-0000", "9", "x", "ACME", "status", "10.1.2.3");
    Arbitrary<String> separator = Arbitraries.of("_", "-", ".", " ", "");
    return Arbitraries.lazy(() -> fragment.list().ofMinSize(1).ofMaxSize(4)
        .flatMap(parts -> separator.map(sep -> String.join(sep, parts))));
  }

  @Provide
  Arbitrary<String> texts() {
    return Arbitraries.of("acme", "bluebird", "ops", "jane.roe@qzxmail.io", "bob.stone@qzxmail.io",
        "on call", "[REDACTED]", "Customer-0000", "203.0.113.9", "10.1.2.3").list().ofMinSize(1).ofMaxSize(3).map(w -> String.join(" ", w));
  }

  @Provide
  Arbitrary<List<String>> nameLists() {
    return names().list().ofMinSize(1).ofMaxSize(3);
  }

  @Provide
  Arbitrary<List<String>> valueLists() {
    return texts().list().ofMinSize(1).ofMaxSize(4);
  }

  @Property(tries = 150)
  void renamedToolsStayConsistentDistinctValidAndRedactionIsIdempotent(
      @ForAll("nameLists") List<String> names, @ForAll("names") String property,
      @ForAll("valueLists") List<String> values, @ForAll("texts") String description,
      @ForAll RedactionStyle style) {
    List<String> distinctValues = values.stream().distinct().toList();
    List<ToolDef> tools = new ArrayList<>();
    List<Event> events = new ArrayList<>();
    events.add(new UserMsg("Go.", META));
    for (int i = 0; i < names.size(); i++) {
      ObjectNode schema = Json.object().put("type", "object");
      ObjectNode p = schema.putObject("properties").putObject(property);
      p.put("type", "string").put("description", description);
      ArrayNode e = p.putArray("enum");
      distinctValues.forEach(e::add);
      schema.putArray("required").add(property);
      tools.add(new ToolDef(names.get(i), description, schema));
      ObjectNode args = Json.object().put(property, distinctValues.get(0));
      events.add(new AssistantMsg("", null, META));
      events.add(new ToolCall("c" + i, names.get(i), args, Json.write(args), META));
      events.add(new ToolResult("c" + i, names.get(i), "ok", false, META));
    }
    events.add(new AssistantMsg("Done.", null, META));
    Unit unit = new Unit("u1", UnitType.TRAJECTORY, events, tools, Outcome.SUCCESS, new SourceRef("t.jsonl", 1),
        null, null, Map.of());
    PrivacyStage stage = new PrivacyStage(DetectorSet.defaults(new PrivacyOptions("US", DICTIONARIES)),
        RedactionPolicy.defaults().withStyle(style), null);

    Unit once = stage.apply(unit).unit();
    assertThat(stage.apply(once).unit()).as("idempotent").isEqualTo(once);

    // One new name per old name, distinct, valid where changed; calls and results follow their tool.
    assertThat(new HashSet<>(once.tools().stream().map(ToolDef::name).toList()))
        .hasSameSizeAs(new HashSet<>(names));
    for (int i = 0; i < names.size(); i++) {
      String renamed = once.tools().get(i).name();
      if (!renamed.equals(names.get(i))) {
        assertThat(renamed).matches(FUNCTION_NAME);
      }
      for (int j = 0; j < names.size(); j++) {
        assertThat(renamed.equals(once.tools().get(j).name())).isEqualTo(names.get(i).equals(names.get(j)));
      }
      assertThat(((ToolCall) once.events().get(2 + 3 * i)).name()).isEqualTo(renamed);
      assertThat(((ToolResult) once.events().get(3 + 3 * i)).name()).isEqualTo(renamed);
      assertThat(TERMS.detect(renamed, ScanContext.FREE_TEXT)).as(renamed).isEmpty();
      JsonNode schema = once.tools().get(i).parametersSchema();
      JsonNode enumValues = schema.get("properties").elements().next().get("enum");
      List<JsonNode> entries = new ArrayList<>();
      enumValues.forEach(entries::add);
      assertThat(new HashSet<>(entries)).as("distinct enum").hasSize(distinctValues.size());
    }
    assertThat(TERMS.detect(Json.write(ModelJson.unit(once)), ScanContext.FREE_TEXT)).isEmpty();

    // The calls are as valid against the tools as before, and every target that wrote a row still does.
    ToolSchemas schemas = new ToolSchemas();
    assertThat(schemas.check(ToolSchemas.calls(once.events()), once.tools()))
        .isEqualTo(schemas.check(ToolSchemas.calls(unit.events()), unit.tools()));
    for (Exporter x : Exporters.ALL) {
      if (x.export(unit).isRow()) {
        assertThat(x.export(once).isRow()).as(x.name()).isTrue();
      }
    }
  }
}
