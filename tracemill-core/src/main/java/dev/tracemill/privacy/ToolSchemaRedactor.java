package dev.tracemill.privacy;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tracemill.model.Json;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.PatternSyntaxException;

/**
 * Redacts the JSON Schema of a tool's parameters so that it stays a schema of the same shape: the same
 * keywords in the same places, every subschema where it was, and the tool's calls (redacted by
 * {@link JsonRedactor} with the same {@link RedactionContext}) still agree with it.
 *
 * <p>Keyword by keyword, in every subschema ({@code properties}, {@code items}, {@code anyOf} and the
 * other applicators, {@code $defs}):
 * <ul>
 *   <li>free text ({@code description}, {@code title}, {@code $comment}) is scanned with the keyword as
 *       its key;
 *   <li>values an argument may take ({@code default}, {@code const}, {@code enum}, {@code examples},
 *       OpenAPI's {@code example}) are redacted as JSON values under the name of the property they
 *       belong to (for {@code items} and {@code anyOf}, the enclosing property's), which is the key the
 *       same value has in a call's arguments: a value gets the same replacement in the schema and in the
 *       calls, so a redacted call still satisfies a redacted {@code enum}. An {@code enum} stays a list of
 *       distinct values: a replacement that repeats another entry (two addresses masked as
 *       {@code [REDACTED]}) gets {@code _2}, {@code _3}... appended, as {@link JsonRedactor} does for
 *       clashing keys;
 *   <li>property names (the keys of {@code properties} and {@code dependentSchemas}, the entries of
 *       {@code required}, {@code propertyOrdering} and {@code dependentRequired}) are scanned as
 *       {@link JsonRedactor} scans field names, so a name and the arguments' key stay equal;
 *   <li>a {@code pattern} (and a {@code patternProperties} key) is redacted as text; when the original
 *       compiles as a regular expression and the redacted one does not, it becomes {@code .*} (accepts
 *       anything) rather than an invalid schema;
 *   <li>structural keywords ({@code type}, {@code format}, {@code $ref}, {@code $id}, numeric and length
 *       limits...) are kept as they are, and so are {@code $defs} / {@code definitions} names, which
 *       {@code $ref}s point to;
 *   <li>any other keyword (a vendor's {@code x-...}) is redacted as a JSON value under its own name, and
 *       its name is scanned like a field name (validators ignore unknown keywords).
 * </ul>
 * A schema that is not an object (a boolean schema, or something a log put there) is redacted as a
 * plain JSON value.
 */
public final class ToolSchemaRedactor {
  static final Where WHERE = Where.TOOL_DEFINITION;
  /** What a {@code pattern} becomes when its redacted text no longer compiles. */
  static final String ANY = ".*";

  private enum Kind {
    STRUCTURE, TEXT, VALUE, ENUM, PATTERN, NAMES, PROPERTIES, PATTERN_PROPERTIES, DEFINITIONS,
    DEPENDENT_SCHEMAS, DEPENDENT_REQUIRED, DEPENDENCIES, SCHEMA_LIST, SCHEMA, OTHER
  }

  private static final Map<String, Kind> KEYWORDS = keywords();

  private final JsonRedactor json;

  ToolSchemaRedactor(JsonRedactor json) {
    this.json = requireNonNull(json, "json is null");
  }

  /** A schema redactor over {@code detectors} (every detector scans every string) and {@code redactor}. */
  public ToolSchemaRedactor(DetectorSet detectors, Redactor redactor) {
    this(new JsonRedactor(detectors, redactor));
  }

  /**
   * The redacted schema; {@code schema} itself when nothing changed (null stays null). Counts, drop reasons
   * and audit pairs go to {@code ctx}.
   */
  public JsonNode redact(JsonNode schema, RedactionContext ctx) {
    if (schema == null) {
      return null;
    }
    JsonNode out = schema.isObject() ? schema(schema, null, ctx) : json.walk(schema, null, WHERE, ctx);
    return out.equals(schema) ? schema : out;
  }

  /**
   * One subschema; {@code valueKey} is the property whose values it describes (null at the top, under
   * {@code additionalProperties}, in {@code $defs}).
   */
  private JsonNode schema(JsonNode node, String valueKey, RedactionContext ctx) {
    if (!node.isObject()) {
      return node; // true, false, or a log's oddity inside an applicator: no text of its own
    }
    Map<String, String> names = propertyNames(node.get("properties"), ctx);
    ObjectNode out = Json.object();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      String k = f.getKey();
      JsonNode v = f.getValue();
      Kind kind = KEYWORDS.getOrDefault(k, Kind.OTHER);
      // An unknown keyword's own name is scanned like a field name: no validator reads it.
      String name = kind == Kind.OTHER ? unique(out, json.redactString(k, new ScanContext(WHERE, null), ctx), k) : k;
      out.set(name, switch (kind) {
        case STRUCTURE -> v;
        case TEXT -> json.walk(v, k, WHERE, ctx);
        case VALUE -> json.walk(v, valueKey, WHERE, ctx);
        case ENUM -> distinct(v, json.walk(v, valueKey, WHERE, ctx));
        case PATTERN -> pattern(v, ctx);
        case NAMES -> names(v, names, ctx);
        case PROPERTIES -> {
          if (!v.isObject()) {
            yield v;
          }
          ObjectNode props = Json.object();
          v.fields().forEachRemaining(p -> props.set(names.get(p.getKey()), schema(p.getValue(), p.getKey(), ctx)));
          yield props;
        }
        case PATTERN_PROPERTIES -> {
          if (!v.isObject()) {
            yield v;
          }
          ObjectNode props = Json.object();
          v.fields().forEachRemaining(p -> {
            String key = pattern(Json.NODES.textNode(p.getKey()), ctx).textValue();
            props.set(unique(props, key, p.getKey()), schema(p.getValue(), null, ctx));
          });
          yield props;
        }
        case DEFINITIONS -> {
          if (!v.isObject()) {
            yield v;
          }
          ObjectNode defs = Json.object();
          v.fields().forEachRemaining(p -> defs.set(p.getKey(), schema(p.getValue(), null, ctx)));
          yield defs;
        }
        case DEPENDENT_SCHEMAS, DEPENDENT_REQUIRED, DEPENDENCIES -> {
          if (!v.isObject()) {
            yield v;
          }
          ObjectNode deps = Json.object();
          v.fields().forEachRemaining(p -> {
            String key = name(p.getKey(), names, ctx);
            JsonNode value = p.getValue();
            deps.set(unique(deps, key, p.getKey()), value.isArray() ? names(value, names, ctx)
                : schema(value, valueKey, ctx));
          });
          yield deps;
        }
        case SCHEMA_LIST -> {
          if (!v.isArray()) {
            yield schema(v, valueKey, ctx);
          }
          ArrayNode list = Json.array();
          v.forEach(s -> list.add(schema(s, valueKey, ctx)));
          yield list;
        }
        case SCHEMA -> schema(v, k.equals("additionalProperties") || k.equals("propertyNames")
            || k.equals("unevaluatedProperties") ? null : valueKey, ctx);
        case OTHER -> json.walk(v, k, WHERE, ctx);
      });
    }
    return out;
  }

  /**
   * Original property name to redacted one, for the keys of {@code properties}: each scanned as a field
   * name, and made unique in the object the way {@link JsonRedactor} does it, so that arguments with
   * the same keys get the same names.
   */
  private Map<String, String> propertyNames(JsonNode properties, RedactionContext ctx) {
    Map<String, String> names = new LinkedHashMap<>();
    if (properties == null || !properties.isObject()) {
      return names;
    }
    Set<String> placed = new HashSet<>();
    properties.fieldNames().forEachRemaining(original -> {
      String name = json.redactString(original, new ScanContext(WHERE, null), ctx);
      String unique = name;
      for (int n = 2; !unique.equals(original) && placed.contains(unique); n++) {
        unique = name + "_" + n;
      }
      placed.add(unique);
      names.put(original, unique);
    });
    return names;
  }

  /** {@code key}, or {@code key_2}, {@code key_3}... when {@code object} already has it; {@code original} as is. */
  private static String unique(ObjectNode object, String key, String original) {
    String unique = key;
    for (int n = 2; !unique.equals(original) && object.has(unique); n++) {
      unique = key + "_" + n;
    }
    return unique;
  }

  /** A property name outside {@code properties}: its name there, else scanned as a field name. */
  private String name(String original, Map<String, String> names, RedactionContext ctx) {
    String known = names.get(original);
    return known != null ? known : json.redactString(original, new ScanContext(WHERE, null), ctx);
  }

  /** A list of property names ({@code required}); entries that are not strings are kept. */
  private JsonNode names(JsonNode list, Map<String, String> names, RedactionContext ctx) {
    if (!list.isArray()) {
      return list;
    }
    ArrayNode out = Json.array();
    for (JsonNode n : list) {
      out.add(n.isTextual() ? Json.NODES.textNode(name(n.textValue(), names, ctx)) : n);
    }
    return out;
  }

  /** A regular expression, redacted as text; {@value #ANY} when redaction would break it. */
  private JsonNode pattern(JsonNode v, RedactionContext ctx) {
    JsonNode out = json.walk(v, "pattern", WHERE, ctx);
    if (out != v && v.isTextual() && out.isTextual() && compiles(v.textValue()) && !compiles(out.textValue())) {
      return Json.NODES.textNode(ANY);
    }
    return out;
  }

  private static boolean compiles(String regex) {
    try {
      java.util.regex.Pattern.compile(regex);
      return true;
    } catch (PatternSyntaxException e) {
      return false;
    }
  }

  /**
   * {@code redacted} (an {@code enum} after redaction) with every replaced entry that repeats another
   * entry suffixed {@code _2}, {@code _3}...; entries that were repeated in {@code original} already
   * stay as they were.
   */
  private static JsonNode distinct(JsonNode original, JsonNode redacted) {
    if (!redacted.isArray() || redacted == original) {
      return redacted;
    }
    Set<JsonNode> seen = new HashSet<>();
    for (int i = 0; i < redacted.size(); i++) {
      if (redacted.get(i).equals(original.get(i))) {
        seen.add(redacted.get(i));
      }
    }
    ArrayNode out = Json.array();
    for (int i = 0; i < redacted.size(); i++) {
      JsonNode item = redacted.get(i);
      if (!item.equals(original.get(i))) {
        String base = item.isTextual() ? item.textValue() : item.toString();
        JsonNode unique = item;
        for (int n = 2; seen.contains(unique); n++) {
          unique = Json.NODES.textNode(base + "_" + n);
        }
        seen.add(unique);
        item = unique;
      }
      out.add(item);
    }
    return out;
  }

  private static Map<String, Kind> keywords() {
    Map<String, Kind> k = new java.util.HashMap<>();
    for (String s : new String[] {"type", "format", "$schema", "$id", "$ref", "$anchor", "$dynamicRef",
        "$dynamicAnchor", "$vocabulary", "$recursiveRef", "$recursiveAnchor", "multipleOf", "maximum",
        "exclusiveMaximum", "minimum", "exclusiveMinimum", "maxLength", "minLength", "maxItems", "minItems",
        "uniqueItems", "maxContains", "minContains", "maxProperties", "minProperties", "contentEncoding",
        "contentMediaType", "readOnly", "writeOnly", "deprecated", "nullable"}) {
      k.put(s, Kind.STRUCTURE);
    }
    for (String s : new String[] {"description", "title", "$comment"}) {
      k.put(s, Kind.TEXT);
    }
    for (String s : new String[] {"default", "const", "examples", "example"}) {
      k.put(s, Kind.VALUE);
    }
    k.put("enum", Kind.ENUM);
    k.put("pattern", Kind.PATTERN);
    k.put("required", Kind.NAMES);
    k.put("propertyOrdering", Kind.NAMES);
    k.put("properties", Kind.PROPERTIES);
    k.put("patternProperties", Kind.PATTERN_PROPERTIES);
    k.put("$defs", Kind.DEFINITIONS);
    k.put("definitions", Kind.DEFINITIONS);
    k.put("dependentSchemas", Kind.DEPENDENT_SCHEMAS);
    k.put("dependentRequired", Kind.DEPENDENT_REQUIRED);
    k.put("dependencies", Kind.DEPENDENCIES);
    for (String s : new String[] {"anyOf", "oneOf", "allOf", "prefixItems", "items"}) {
      k.put(s, Kind.SCHEMA_LIST);
    }
    for (String s : new String[] {"additionalProperties", "additionalItems", "unevaluatedItems",
        "unevaluatedProperties", "propertyNames", "not", "contains", "if", "then", "else", "contentSchema"}) {
      k.put(s, Kind.SCHEMA);
    }
    return Map.copyOf(k);
  }
}
