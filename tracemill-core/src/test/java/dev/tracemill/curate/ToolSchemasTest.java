package dev.tracemill.curate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tracemill.model.EventMeta;
import dev.tracemill.model.Json;
import dev.tracemill.model.SourceRef;
import dev.tracemill.model.ToolCall;
import dev.tracemill.model.ToolDef;
import java.util.List;
import org.junit.jupiter.api.Test;

class ToolSchemasTest {
  private static final EventMeta META = EventMeta.of(new SourceRef("t.jsonl", 1));
  private final ToolSchemas schemas = new ToolSchemas();

  private static ToolCall call(String name, String args) {
    return new ToolCall("c", name, Json.tryParse(args), args, META);
  }

  private ToolSchemas.Check check(ToolDef def, String args) {
    return schemas.check(List.of(call(def.name(), args)), List.of(def));
  }

  @Test
  void oddDialectsAreNormalisedRecursively() {
    JsonNode n = ToolSchemas.normalise(Json.tryParse("""
        {"type": "dict", "properties": {
          "tags": {"type": "list", "items": {"type": "str"}},
          "when": {"anyOf": [{"type": "INTEGER"}, {"type": "float"}]},
          "flag": {"type": ["bool", "NULL"], "required": true}},
         "required": ["tags"]}"""));
    assertThat(n.get("type").asText()).isEqualTo("object");
    assertThat(n.at("/properties/tags/type").asText()).isEqualTo("array");
    assertThat(n.at("/properties/tags/items/type").asText()).isEqualTo("string");
    assertThat(n.at("/properties/when/anyOf/0/type").asText()).isEqualTo("integer");
    assertThat(n.at("/properties/when/anyOf/1/type").asText()).isEqualTo("number");
    assertThat(n.at("/properties/flag/type/0").asText()).isEqualTo("boolean");
    assertThat(n.at("/properties/flag/type/1").asText()).isEqualTo("null");
    assertThat(n.at("/properties/flag").has("required")).isFalse();
    assertThat(n.get("required").get(0).asText()).isEqualTo("tags");
  }

  @Test
  void argumentsAreValidatedAgainstTheNormalisedSchema() {
    ToolDef search = new ToolDef("search", null, Json.tryParse("""
        {"type": "dict", "properties": {"q": {"type": "str"}, "n": {"type": "int", "minimum": 1}},
         "required": ["q"], "additionalProperties": false}"""));
    assertThat(check(search, "{\"q\": \"tents\", \"n\": 3}").invalid()).isZero();
    assertThat(check(search, "{\"n\": 3}").invalid()).isEqualTo(1);
    assertThat(check(search, "{\"q\": \"tents\", \"n\": 0}").invalid()).isEqualTo(1);
    assertThat(check(search, "{\"q\": \"tents\", \"page\": 2}").invalid()).isEqualTo(1);
    assertThat(check(search, "[\"tents\"]").invalid()).isEqualTo(1);
  }

  @Test
  void withoutASchemaOnlyAJsonObjectIsRequiredAndEmptyArgumentsAreAnEmptyObject() {
    ToolDef noSchema = new ToolDef("ping", null, null);
    assertThat(check(noSchema, "{\"anything\": 1}").anyBad()).isFalse();
    assertThat(check(noSchema, "").anyBad()).isFalse();
    assertThat(check(noSchema, "not json").invalid()).isEqualTo(1);
  }

  @Test
  void undefinedToolsCountOnlyWhenTheUnitDeclaresTools() {
    List<ToolCall> calls = List.of(call("lookup", "{}"));
    assertThat(schemas.check(calls, List.of(new ToolDef("search", null, null))).undefined()).isEqualTo(1);
    assertThat(schemas.check(calls, List.of()).undefined()).isZero();
    assertThat(schemas.check(List.of(), List.of()).calls()).isZero();
  }

  @Test
  void aSchemaTheValidatorCannotReadOrThatPointsOutsideIsNotFetchedAndCountsAsAbsent() {
    ToolDef remote = new ToolDef("r", null, Json.tryParse(
        "{\"$ref\": \"https://schemas.example.invalid/tool.json\"}"));
    assertThat(check(remote, "{\"x\": 1}").invalid()).isZero();
    ToolDef broken = new ToolDef("b", null, Json.tryParse("{\"type\": 42}"));
    assertThat(check(broken, "{\"x\": 1}").invalid()).isZero();
    assertThat(check(broken, "[1]").invalid()).isEqualTo(1);
  }
}
