package dev.tracemill.pipeline;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.tracemill.curate.ExactDedup;
import dev.tracemill.curate.TagConfig;
import dev.tracemill.privacy.RedactionStyle;
import dev.tracemill.privacy.TermDictionary;
import dev.tracemill.report.Coverage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A run configuration file ({@code tracemill.yaml}): a YAML mapping whose keys are the CLI's long option
 * names without dashes ({@code in}, {@code split-ratio}, ...). Loading checks every key and coerces every
 * value up front, so a typo fails before any input is read; {@link #applyTo} then sets only the keys
 * the file holds, which lets a caller layer builder defaults, then the file, then explicit options.
 *
 * <p>Rules: an unknown key is an error that names it, suggests the closest valid key and lists them
 * all; a value of the wrong type is an error naming the key and the expected type; a key whose value
 * is empty ({@code limit:} or {@code ~}) counts as absent. Relative paths in {@code in} and {@code out}
 * are resolved against the folder holding the file, so a config means the same from any working
 * directory; {@code -} (stdin) is kept as is.
 */
public final class ConfigFile {
  /** Every key a config file may hold, in the order the CLI documents them. */
  public static final List<String> KEYS = List.of(
      "in", "out", "input-format", "format", "success-only", "min-length", "max-length", "limit",
      "dedup", "dedup-field", "collapse", "shuffle", "seed", "split-ratio", "strict",
      "max-record-bytes", "pii", "pii-style", "pii-region", "audit-sample", "invalid-tool-calls",
      "pii-dictionary", "ner-model");

  /**
   * Structured sections that only a config file can hold (they are too rich for an option): tagging
   * rules ({@link TagConfig#parse}) and coverage targets ({@link Coverage#parse}).
   */
  public static final List<String> SECTIONS = List.of("tags", "coverage", "input");

  private static final List<String> ALL = java.util.stream.Stream.concat(KEYS.stream(), SECTIONS.stream()).toList();

  private static final YAMLMapper YAML = YAMLMapper.builder()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .build();

  private final String source;
  private final Map<String, Object> values;

  private ConfigFile(String source, Map<String, Object> values) {
    this.source = source;
    this.values = values;
  }

  /**
   * Reads and validates {@code file}. Throws {@link IOException} when it cannot be read and
   * {@link IllegalArgumentException} (message names the file and key) when its content is invalid.
   */
  public static ConfigFile load(Path file) throws IOException {
    requireNonNull(file, "file is null");
    String text = Files.readString(file, StandardCharsets.UTF_8);
    Path base = file.toAbsolutePath().getParent();
    return parse(text, file.toString(), base);
  }

  /**
   * Parses YAML text; {@code source} names it in error messages and {@code baseDir} (null for none)
   * resolves relative {@code in} and {@code out} paths.
   */
  public static ConfigFile parse(String yaml, String source, Path baseDir) {
    requireNonNull(yaml, "yaml is null");
    requireNonNull(source, "source is null");
    JsonNode root;
    try {
      root = yaml.isBlank() ? null : YAML.readTree(yaml);
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? ""
          : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
      throw new IllegalArgumentException(source + " is not valid YAML" + where + ": "
          + firstLine(e.getOriginalMessage()), e);
    }
    if (root == null || root.isNull() || root.isMissingNode()) {
      return new ConfigFile(source, Map.of());
    }
    if (!root.isObject()) {
      throw new IllegalArgumentException(source + " must be a mapping of option names to values "
          + "(for example 'out: out/run1'), got " + kind(root));
    }
    Map<String, Object> parsed = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = e.getKey();
      if (!ALL.contains(key)) {
        String closest = closestKey(key);
        throw new IllegalArgumentException("unknown key '" + key + "' in " + source
            + (closest == null ? "" : " (did you mean '" + closest + "'?)")
            + ". Valid keys: " + String.join(", ", ALL));
      }
      JsonNode value = e.getValue();
      if (value == null || value.isNull()) {
        continue;
      }
      parsed.put(key, new Coercer(source, key).coerce(value, baseDir));
    }
    Map<String, Object> ordered = new LinkedHashMap<>();
    for (String key : ALL) {
      if (parsed.containsKey(key)) {
        ordered.put(key, parsed.get(key));
      }
    }
    return new ConfigFile(source, ordered);
  }

  /** Where this config came from, as given to {@link #load} or {@link #parse}. */
  public String source() {
    return source;
  }

  /** The keys this file sets, in {@link #KEYS} order. */
  public Set<String> keys() {
    return java.util.Collections.unmodifiableSet(values.keySet());
  }

  public boolean has(String key) {
    return values.containsKey(key);
  }

  /** The coerced value of {@code key}, or null when the file does not set it. */
  public Object value(String key) {
    return values.get(key);
  }

  /** A copy without {@code keys}: what is left once explicit options have taken their place. */
  public ConfigFile without(Collection<String> keys) {
    Map<String, Object> rest = new LinkedHashMap<>(values);
    rest.keySet().removeAll(keys);
    return new ConfigFile(source, rest);
  }

  /**
   * Sets every key this file holds on {@code builder}; a value the builder rejects is rethrown with
   * the file and key in front of the builder's message.
   */
  @SuppressWarnings("unchecked")
  public RunConfig.Builder applyTo(RunConfig.Builder builder) {
    requireNonNull(builder, "builder is null");
    for (Map.Entry<String, Object> e : values.entrySet()) {
      Object v = e.getValue();
      try {
        switch (e.getKey()) {
          case "in" -> builder.inputs((List<String>) v);
          case "out" -> builder.out((Path) v);
          case "input-format" -> builder.inputFormat((String) v);
          case "format" -> builder.formats((List<String>) v);
          case "success-only" -> builder.successOnly((Boolean) v);
          case "min-length" -> builder.minLength((Integer) v);
          case "max-length" -> builder.maxLength((Integer) v);
          case "limit" -> builder.limit((Long) v);
          case "dedup" -> builder.dedup((Boolean) v);
          case "dedup-field" -> builder.dedupField((ExactDedup.Field) v);
          case "collapse" -> builder.collapse((Boolean) v);
          case "shuffle" -> builder.shuffle((Boolean) v);
          case "seed" -> builder.seed((Long) v);
          case "split-ratio" -> builder.splitRatio((List<Double>) v);
          case "strict" -> builder.strict((Boolean) v);
          case "max-record-bytes" -> builder.maxRecordBytes((Integer) v);
          case "pii" -> builder.pii((Boolean) v);
          case "pii-style" -> builder.piiStyle((RedactionStyle) v);
          case "pii-region" -> builder.piiRegion((String) v);
          case "audit-sample" -> builder.auditSample((Integer) v);
          case "invalid-tool-calls" -> builder.dropInvalidToolCalls((Boolean) v);
          case "ner-model" -> builder.nerModel((Path) v);
          case "tags" -> builder.tags((TagConfig) v);
          case "coverage" -> builder.coverage((Coverage) v);
          case "input" -> builder.inputMapping((dev.tracemill.ingest.CustomMapping) v);
          case "pii-dictionary" -> builder.piiDictionaries(dictionaries((List<String[]>) v));
          default -> throw new IllegalStateException("key '" + e.getKey() + "' passed validation but has no setter");
        }
      } catch (IllegalArgumentException ex) {
        throw new IllegalArgumentException(source + ", key '" + e.getKey() + "': " + ex.getMessage(), ex);
      }
    }
    return builder;
  }

  private static List<TermDictionary> dictionaries(List<String[]> specs) {
    List<TermDictionary> out = new ArrayList<>();
    for (String[] spec : specs) {
      out.add(TermDictionary.load(spec[0], Path.of(spec[1])));
    }
    return out;
  }

  @Override
  public String toString() {
    return "ConfigFile[" + source + ": " + String.join(", ", values.keySet()) + "]";
  }

  /** The valid key nearest to {@code key} by edit distance, or null when none is plausibly meant. */
  static String closestKey(String key) {
    String normalized = key.toLowerCase(Locale.ROOT).replace('_', '-');
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : ALL) {
      int d = editDistance(normalized, candidate);
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    int allowed = Math.max(1, Math.min(key.length(), best.length()) / 3);
    return bestDistance <= allowed ? best : null;
  }

  static int editDistance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "parse error";
    }
    int nl = s.indexOf('\n');
    return (nl < 0 ? s : s.substring(0, nl)).strip();
  }

  private static String kind(JsonNode node) {
    if (node.isTextual()) {
      return "a string";
    }
    if (node.isBoolean()) {
      return "a boolean";
    }
    if (node.isIntegralNumber()) {
      return "an integer";
    }
    if (node.isNumber()) {
      return "a number";
    }
    if (node.isArray()) {
      return "a list";
    }
    if (node.isObject()) {
      return "a mapping";
    }
    return "a " + node.getNodeType().name().toLowerCase(Locale.ROOT);
  }

  /** Turns one YAML value into the type its key's builder setter takes. */
  private record Coercer(String source, String key) {
    Object coerce(JsonNode v, Path baseDir) {
      return switch (key) {
        case "in" -> paths(v, baseDir);
        case "out" -> resolve(string(v, "a directory path"), baseDir);
        case "ner-model" -> resolve(string(v, "the folder of an ONNX token-classification model"), baseDir);
        case "input-format" -> {
          String name = string(v, "an input format name or 'auto'").strip();
          yield name.equalsIgnoreCase("auto") ? null : name;
        }
        case "format" -> stringList(v, "an export format name, a comma-separated string or a list of names");
        case "success-only", "dedup", "collapse", "shuffle", "strict" -> bool(v);
        case "min-length", "max-length", "max-record-bytes", "audit-sample" -> Math.toIntExact(integer(v, Integer.MIN_VALUE, Integer.MAX_VALUE));
        case "limit", "seed" -> integer(v, Long.MIN_VALUE, Long.MAX_VALUE);
        case "dedup-field" -> dedupField(v);
        case "pii" -> onOff(v);
        case "pii-style" -> piiStyle(v);
        case "pii-region" -> string(v, "a two-letter country code such as US or GB").strip();
        case "split-ratio" -> ratios(v);
        case "invalid-tool-calls" -> dropOrKeep(v);
        case "tags" -> nested(() -> TagConfig.parse(v));
        case "coverage" -> nested(() -> Coverage.parse(v));
        case "input" -> nested(() -> dev.tracemill.ingest.CustomMapping.parse(v));
        case "pii-dictionary" -> dictionarySpecs(v, baseDir);
        default -> throw new IllegalStateException("no coercion for key '" + key + "'");
      };
    }

    /**
     * {@code pii-dictionary}: a mapping of types to files ({@code CUSTOMER: customers.txt}), a list of
     * {@code TYPE=FILE} strings, or one such string; each as {@code [type, path]}, paths resolved
     * against the config's folder. The files are read when the config is applied.
     */
    private List<String[]> dictionarySpecs(JsonNode v, Path baseDir) {
      String expected = "a mapping of types to files (CUSTOMER: customers.txt) or a list of TYPE=FILE";
      List<String[]> out = new ArrayList<>();
      if (v.isObject() && !v.isEmpty()) {
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          out.add(new String[] {e.getKey(), resolve(string(e.getValue(), expected), baseDir).toString()});
        }
        return out;
      }
      List<JsonNode> items = new ArrayList<>();
      if (v.isTextual()) {
        items.add(v);
      } else if (v.isArray() && !v.isEmpty()) {
        v.forEach(items::add);
      } else {
        throw wrong(expected, v);
      }
      for (JsonNode item : items) {
        String s = item.isTextual() ? item.asText() : "";
        int eq = s.indexOf('=');
        if (eq <= 0 || eq == s.length() - 1) {
          throw wrong(expected, item);
        }
        out.add(new String[] {s.substring(0, eq).strip(), resolve(s.substring(eq + 1).strip(), baseDir).toString()});
      }
      return out;
    }

    private IllegalArgumentException wrong(String expected, JsonNode v) {
      return new IllegalArgumentException(source + ": key '" + key + "' expects " + expected + ", got "
          + kind(v) + (v.isValueNode() ? " (" + v.asText() + ")" : ""));
    }

    private String string(JsonNode v, String expected) {
      if (!v.isTextual() || v.asText().isBlank()) {
        throw wrong(expected, v);
      }
      return v.asText();
    }

    private boolean bool(JsonNode v) {
      if (!v.isBoolean()) {
        throw wrong("true or false", v);
      }
      return v.booleanValue();
    }

    private long integer(JsonNode v, long min, long max) {
      if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < min || v.longValue() > max) {
        throw wrong(max == Integer.MAX_VALUE ? "a whole number up to " + Integer.MAX_VALUE : "a whole number", v);
      }
      return v.longValue();
    }

    /** {@code on}/{@code off} (YAML 1.1 reads a bare off as false) or true/false. */
    private boolean onOff(JsonNode v) {
      if (v.isBoolean()) {
        return v.booleanValue();
      }
      String s = string(v, "on or off").strip().toLowerCase(Locale.ROOT);
      if (s.equals("on")) {
        return true;
      }
      if (s.equals("off")) {
        return false;
      }
      throw wrong("on or off", v);
    }

    /** {@code drop} is true, {@code keep} false. */
    private boolean dropOrKeep(JsonNode v) {
      String s = string(v, "drop or keep").strip().toLowerCase(Locale.ROOT);
      if (s.equals("drop") || s.equals("keep")) {
        return s.equals("drop");
      }
      throw wrong("drop or keep", v);
    }

    /** A nested section's own parser, with this file and key in front of its message. */
    private Object nested(java.util.function.Supplier<Object> parser) {
      try {
        return parser.get();
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(source + ": key '" + key + "': " + e.getMessage(), e);
      }
    }

    private RedactionStyle piiStyle(JsonNode v) {
      String s = string(v, "surrogate, tag or mask").strip().toUpperCase(Locale.ROOT);
      for (RedactionStyle style : RedactionStyle.values()) {
        if (style.name().equals(s)) {
          return style;
        }
      }
      throw wrong("surrogate, tag or mask", v);
    }

    private ExactDedup.Field dedupField(JsonNode v) {
      String s = string(v, "'prompt' or 'full'").strip().toUpperCase(Locale.ROOT);
      for (ExactDedup.Field f : ExactDedup.Field.values()) {
        if (f.name().equals(s)) {
          return f;
        }
      }
      throw wrong("'prompt' or 'full'", v);
    }

    private List<String> paths(JsonNode v, Path baseDir) {
      String expected = "a path or a list of paths";
      List<String> out = new ArrayList<>();
      if (v.isTextual()) {
        out.add(resolveInput(string(v, expected), baseDir));
      } else if (v.isArray() && !v.isEmpty()) {
        for (JsonNode item : v) {
          if (!item.isTextual() || item.asText().isBlank()) {
            throw wrong(expected, v);
          }
          out.add(resolveInput(item.asText(), baseDir));
        }
      } else {
        throw wrong(expected, v);
      }
      return out;
    }

    private List<String> stringList(JsonNode v, String expected) {
      List<String> out = new ArrayList<>();
      if (v.isTextual()) {
        for (String part : v.asText().split(",", -1)) {
          out.add(part.strip());
        }
      } else if (v.isArray() && !v.isEmpty()) {
        for (JsonNode item : v) {
          if (!item.isTextual()) {
            throw wrong(expected, v);
          }
          out.add(item.asText().strip());
        }
      } else {
        throw wrong(expected, v);
      }
      return out;
    }

    private List<Double> ratios(JsonNode v) {
      String expected = "1 to 3 numbers (train,val,test) as a list or a comma-separated string";
      List<Double> out = new ArrayList<>();
      if (v.isNumber()) {
        out.add(v.doubleValue());
      } else if (v.isTextual()) {
        for (String part : v.asText().split(",", -1)) {
          try {
            out.add(Double.parseDouble(part.strip()));
          } catch (NumberFormatException e) {
            throw wrong(expected, v);
          }
        }
      } else if (v.isArray() && !v.isEmpty()) {
        for (JsonNode item : v) {
          if (!item.isNumber()) {
            throw wrong(expected, v);
          }
          out.add(item.doubleValue());
        }
      } else {
        throw wrong(expected, v);
      }
      return out;
    }

    private static String resolveInput(String path, Path baseDir) {
      if (path.equals("-") || baseDir == null || Path.of(path).isAbsolute()) {
        return path;
      }
      return resolve(path, baseDir).toString();
    }

    private static Path resolve(String path, Path baseDir) {
      Path p = Path.of(path);
      return baseDir == null || p.isAbsolute() ? p : baseDir.resolve(p).normalize();
    }
  }
}
