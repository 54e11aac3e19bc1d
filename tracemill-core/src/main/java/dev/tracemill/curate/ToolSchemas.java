package dev.tracemill.curate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.tracemill.model.Json;
import dev.tracemill.model.ToolCall;
import dev.tracemill.model.ToolDef;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks tool calls against the JSON Schema of the tool they call, with a maintained validator
 * (networknt json-schema-validator, draft 2020-12 unless the schema says otherwise; remote
 * {@code $ref}s are never fetched).
 *
 * <p>Logs carry tool schemas in several dialects. Before validation a schema is normalised
 * ({@link #normalise}): type names in upper case (Gemini/Vertex {@code "STRING"}) are lowered, and
 * Python-flavoured names map to JSON Schema ({@code dict}→{@code object}, {@code list}/{@code tuple}→
 * {@code array}, {@code str}→{@code string}, {@code int}→{@code integer}, {@code float}/{@code double}→
 * {@code number}, {@code bool}→{@code boolean}), recursively through {@code properties}, {@code items},
 * {@code anyOf}/{@code oneOf}/{@code allOf}, {@code additionalProperties}, {@code $defs} and
 * {@code definitions}. A schema that is not valid against the draft 2020-12 meta-schema, or that the
 * validator cannot compile, counts as absent: its calls are only required to carry a JSON object.
 *
 * <p>Compiled schemas are cached by their canonical JSON (applications send the same tools with every
 * call), in a bounded LRU map. Instances are not thread-safe; the pipeline uses one per run.
 */
public final class ToolSchemas {
  /** What the check found in one unit. */
  public record Check(int calls, int undefined, int invalid) {
    public static final Check NONE = new Check(0, 0, 0);

    /** True when some call names no declared tool or carries arguments its schema rejects. */
    public boolean anyBad() {
      return undefined > 0 || invalid > 0;
    }
  }

  private static final int CACHE = 512;
  private static final Map<String, String> TYPE_NAMES = Map.ofEntries(
      Map.entry("dict", "object"), Map.entry("object", "object"), Map.entry("map", "object"),
      Map.entry("list", "array"), Map.entry("tuple", "array"), Map.entry("array", "array"),
      Map.entry("str", "string"), Map.entry("string", "string"), Map.entry("int", "integer"),
      Map.entry("integer", "integer"), Map.entry("float", "number"), Map.entry("double", "number"),
      Map.entry("number", "number"), Map.entry("bool", "boolean"), Map.entry("boolean", "boolean"),
      Map.entry("null", "null"), Map.entry("none", "null"));
  private static final List<String> SUBSCHEMA_MAPS = List.of("properties", "$defs", "definitions",
      "patternProperties");
  private static final List<String> SUBSCHEMA_LISTS = List.of("anyOf", "oneOf", "allOf", "prefixItems");
  private static final List<String> SUBSCHEMA_ONES = List.of("items", "additionalProperties", "not",
      "contains", "if", "then", "else");

  private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
      b -> b.schemaLoader(l -> l.fetchRemoteResources(false)));
  /** Canonical schema JSON → compiled schema, or null when it does not compile. */
  private final Map<String, Schema> compiled = new LinkedHashMap<>(64, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Schema> eldest) {
      return size() > CACHE;
    }
  };
  private final Map<String, Boolean> broken = new LinkedHashMap<>();
  private Schema metaSchema;

  /**
   * Checks every call in {@code calls} against {@code tools}. When the unit declares no tools at all,
   * nothing can be called "undefined" (the log simply did not record the tool list): only arguments
   * that are not a JSON object are invalid then.
   */
  public Check check(List<ToolCall> calls, List<ToolDef> tools) {
    if (calls.isEmpty()) {
      return Check.NONE;
    }
    Map<String, ToolDef> byName = new LinkedHashMap<>();
    for (ToolDef t : tools) {
      byName.putIfAbsent(t.name(), t);
    }
    int undefined = 0;
    int invalid = 0;
    for (ToolCall call : calls) {
      JsonNode args = arguments(call);
      ToolDef def = byName.get(call.name());
      if (def == null && !byName.isEmpty()) {
        undefined++;
        continue;
      }
      if (args == null || !args.isObject()) {
        invalid++;
        continue;
      }
      Schema schema = def == null ? null : schema(def.parametersSchema());
      if (schema != null && rejects(schema, args)) {
        invalid++;
      }
    }
    return new Check(calls.size(), undefined, invalid);
  }

  /** The call's arguments as JSON; an empty argument text means no arguments ({@code {}}). */
  private static JsonNode arguments(ToolCall call) {
    if (call.rawArguments().isBlank()) {
      return JsonNodeFactory.instance.objectNode();
    }
    return call.arguments();
  }

  /**
   * True when the schema rejects the arguments. A schema that fails while validating (a reference
   * it may not fetch) proves nothing, so it rejects nothing.
   */
  private static boolean rejects(Schema schema, JsonNode args) {
    try {
      List<Error> errors = schema.validate(args);
      return !errors.isEmpty();
    } catch (RuntimeException e) {
      return false;
    }
  }

  private Schema schema(JsonNode raw) {
    if (raw == null || !raw.isObject() || raw.isEmpty()) {
      return null;
    }
    String key = Json.write(raw);
    if (broken.containsKey(key)) {
      return null;
    }
    Schema s = compiled.get(key);
    if (s == null) {
      try {
        JsonNode normalised = normalise(raw);
        if (!metaSchema().validate(normalised).isEmpty()) {
          throw new IllegalArgumentException("not a valid JSON Schema");
        }
        s = registry.getSchema(normalised);
        s.initializeValidators();
      } catch (RuntimeException e) {
        // A schema the validator cannot read says nothing reliable about the arguments.
        if (broken.size() < CACHE) {
          broken.put(key, Boolean.TRUE);
        }
        return null;
      }
      compiled.put(key, s);
    }
    return s;
  }

  /** The draft 2020-12 meta-schema (bundled with the validator), which a tool's schema must satisfy. */
  private Schema metaSchema() {
    if (metaSchema == null) {
      metaSchema = registry.getSchema(SchemaLocation.of(SpecificationVersion.DRAFT_2020_12.getDialectId()));
    }
    return metaSchema;
  }

  /** A copy of {@code schema} in standard JSON Schema type names (see the class comment). */
  public static JsonNode normalise(JsonNode schema) {
    if (schema == null || !schema.isObject()) {
      return schema;
    }
    ObjectNode out = schema.deepCopy();
    normaliseInPlace(out);
    return out;
  }

  private static void normaliseInPlace(ObjectNode node) {
    JsonNode type = node.get("type");
    if (type != null && type.isTextual()) {
      node.put("type", typeName(type.asText()));
    } else if (type != null && type.isArray()) {
      ArrayNode types = JsonNodeFactory.instance.arrayNode();
      type.forEach(t -> types.add(t.isTextual() ? typeName(t.asText()) : t.asText()));
      node.set("type", types);
    }
    for (String k : SUBSCHEMA_MAPS) {
      JsonNode m = node.get(k);
      if (m != null && m.isObject()) {
        for (Iterator<JsonNode> it = m.elements(); it.hasNext(); ) {
          JsonNode child = it.next();
          if (child.isObject()) {
            normaliseInPlace((ObjectNode) child);
          }
        }
      }
    }
    for (String k : SUBSCHEMA_LISTS) {
      JsonNode list = node.get(k);
      if (list != null && list.isArray()) {
        list.forEach(child -> {
          if (child.isObject()) {
            normaliseInPlace((ObjectNode) child);
          }
        });
      }
    }
    for (String k : SUBSCHEMA_ONES) {
      JsonNode child = node.get(k);
      if (child != null && child.isObject()) {
        normaliseInPlace((ObjectNode) child);
      } else if (child != null && child.isArray() && k.equals("items")) {
        child.forEach(c -> {
          if (c.isObject()) {
            normaliseInPlace((ObjectNode) c);
          }
        });
      }
    }
    // "required": true on a property (an old draft-3 habit) is not valid in later drafts: drop it.
    JsonNode required = node.get("required");
    if (required != null && required.isBoolean()) {
      node.remove("required");
    }
  }

  private static String typeName(String t) {
    String lower = t.strip().toLowerCase(Locale.ROOT);
    return TYPE_NAMES.getOrDefault(lower, lower);
  }

  /** The tool calls of {@code events}, in order. */
  public static List<ToolCall> calls(List<dev.tracemill.model.Event> events) {
    List<ToolCall> calls = new ArrayList<>();
    for (dev.tracemill.model.Event e : events) {
      if (e.kind() == dev.tracemill.model.Event.Kind.TOOL_CALL) {
        calls.add((ToolCall) e);
      }
    }
    return calls;
  }
}
