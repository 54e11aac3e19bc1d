package dev.tracemill.curate;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * How units are tagged: rules for the task and domain tags, the thresholds of the complexity
 * buckets, and whether the language is detected. The config file's {@code tags} mapping:
 * <pre>
 * tags:
 *   task:                       # first matching rule wins; else the call type; else qa/chat/tool_use
 *     - {value: summarise, call_type: "summar.*"}
 *     - {value: coding, text: "```|\\bdef \\w+\\("}
 *   domain:                     # first matching rule wins; else "general"
 *     - {value: billing, keywords: [invoice, refund, "credit note"]}
 *     - {value: travel, tools: "book_.*|search_flights"}
 *   complexity: {multi_step_min_steps: 3, multi_tool_min_tools: 2}
 *   language: true
 * </pre>
 * A rule holds {@code value} and at least one condition; all its conditions must match:
 * {@code call_type} (a regular expression matched against the whole call type), {@code tools} (matched
 * against the whole name of any tool called), {@code text} (found anywhere in the unit's message
 * text) and {@code keywords} (whole words or phrases, any case, anywhere in the message text).
 */
public record TagConfig(List<Rule> task, List<Rule> domain, int multiStepMinSteps, int multiToolMinTools,
    boolean language) {

  public static final TagConfig DEFAULTS = new TagConfig(List.of(), List.of(), 3, 2, true);
  private static final Set<String> KEYS = Set.of("task", "domain", "complexity", "language");
  private static final Set<String> RULE_KEYS = Set.of("value", "call_type", "tools", "text", "keywords");
  private static final Set<String> COMPLEXITY_KEYS = Set.of("multi_step_min_steps", "multi_tool_min_tools");
  private static final Pattern VALUE = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,63}");

  public TagConfig {
    task = List.copyOf(task);
    domain = List.copyOf(domain);
    if (multiStepMinSteps < 2) {
      throw new IllegalArgumentException("complexity.multi_step_min_steps must be at least 2, got "
          + multiStepMinSteps);
    }
    if (multiToolMinTools < 2) {
      throw new IllegalArgumentException("complexity.multi_tool_min_tools must be at least 2, got "
          + multiToolMinTools);
    }
  }

  /**
   * One tagging rule; null conditions do not take part. {@code text} and {@code keywords} search the
   * unit's message text.
   */
  public record Rule(String value, Pattern callType, Pattern tools, Pattern text, Pattern keywords) {
    public Rule {
      requireNonNull(value, "value is null");
      if (callType == null && tools == null && text == null && keywords == null) {
        throw new IllegalArgumentException("rule '" + value + "' has no condition: give call_type, tools, text "
            + "or keywords");
      }
    }

    /** True when every condition this rule holds matches. */
    public boolean matches(String unitCallType, Set<String> toolNames, CharSequence messageText) {
      if (callType != null && (unitCallType == null || !callType.matcher(unitCallType).matches())) {
        return false;
      }
      if (tools != null && toolNames.stream().noneMatch(t -> tools.matcher(t).matches())) {
        return false;
      }
      if (text != null && !text.matcher(messageText).find()) {
        return false;
      }
      return keywords == null || keywords.matcher(messageText).find();
    }

    /** Whether the rule reads the message text (so the text need only be built when some rule does). */
    boolean readsText() {
      return text != null || keywords != null;
    }
  }

  /** True when some task or domain rule needs the unit's message text. */
  public boolean readsText() {
    return task.stream().anyMatch(Rule::readsText) || domain.stream().anyMatch(Rule::readsText);
  }

  /**
   * Reads the {@code tags} mapping of a config file; messages name the path inside it
   * ({@code tags.domain[1].keywords}) and what was expected.
   */
  public static TagConfig parse(JsonNode node) {
    if (node == null || node.isNull()) {
      return DEFAULTS;
    }
    if (!node.isObject()) {
      throw new IllegalArgumentException("expects a mapping with task, domain, complexity or language");
    }
    unknownKeys(node, KEYS, "tags");
    List<Rule> task = rules(node.get("task"), "tags.task");
    List<Rule> domain = rules(node.get("domain"), "tags.domain");
    int steps = DEFAULTS.multiStepMinSteps();
    int tools = DEFAULTS.multiToolMinTools();
    JsonNode c = node.get("complexity");
    if (c != null && !c.isNull()) {
      if (!c.isObject()) {
        throw new IllegalArgumentException("tags.complexity expects a mapping with "
            + String.join(" or ", COMPLEXITY_KEYS.stream().sorted().toList()));
      }
      unknownKeys(c, COMPLEXITY_KEYS, "tags.complexity");
      steps = intValue(c.get("multi_step_min_steps"), steps, "tags.complexity.multi_step_min_steps");
      tools = intValue(c.get("multi_tool_min_tools"), tools, "tags.complexity.multi_tool_min_tools");
    }
    boolean language = true;
    JsonNode l = node.get("language");
    if (l != null && !l.isNull()) {
      if (!l.isBoolean()) {
        throw new IllegalArgumentException("tags.language expects true or false");
      }
      language = l.booleanValue();
    }
    return new TagConfig(task, domain, steps, tools, language);
  }

  private static List<Rule> rules(JsonNode node, String where) {
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw new IllegalArgumentException(where + " expects a list of rules such as {value: billing, keywords: "
          + "[invoice, refund]}");
    }
    List<Rule> rules = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      String at = where + "[" + i + "]";
      JsonNode r = node.get(i);
      if (!r.isObject()) {
        throw new IllegalArgumentException(at + " expects a mapping with value and a condition");
      }
      unknownKeys(r, RULE_KEYS, at);
      JsonNode v = r.get("value");
      if (v == null || !v.isTextual() || !VALUE.matcher(v.asText()).matches()) {
        throw new IllegalArgumentException(at + ".value expects a tag value of lower-case letters, digits, "
            + "'_', '.' or '-' (at most 64), such as 'billing'");
      }
      Pattern keywords = keywords(r.get("keywords"), at + ".keywords");
      try {
        rules.add(new Rule(v.asText(), regex(r.get("call_type"), at + ".call_type"),
            regex(r.get("tools"), at + ".tools"), regex(r.get("text"), at + ".text"), keywords));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(at + ": " + e.getMessage(), e);
      }
    }
    return rules;
  }

  private static Pattern regex(JsonNode node, String where) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual() || node.asText().isEmpty()) {
      throw new IllegalArgumentException(where + " expects a regular expression");
    }
    try {
      return Pattern.compile(node.asText());
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(where + " is not a valid regular expression: "
          + e.getDescription() + " near index " + e.getIndex(), e);
    }
  }

  private static Pattern keywords(JsonNode node, String where) {
    if (node == null || node.isNull()) {
      return null;
    }
    List<String> words = new ArrayList<>();
    if (node.isTextual()) {
      for (String w : node.asText().split(",")) {
        words.add(w.strip());
      }
    } else if (node.isArray()) {
      node.forEach(w -> words.add(w.isTextual() ? w.asText().strip() : ""));
    }
    if (words.isEmpty() || words.stream().anyMatch(String::isEmpty)) {
      throw new IllegalArgumentException(where + " expects a non-empty list of words or phrases");
    }
    StringBuilder alt = new StringBuilder();
    for (String w : words) {
      if (alt.length() > 0) {
        alt.append('|');
      }
      List<String> quoted = new ArrayList<>();
      for (String part : w.toLowerCase(Locale.ROOT).split("\\s+")) {
        quoted.add(Pattern.quote(part));
      }
      alt.append(String.join("\\s+", quoted));
    }
    return Pattern.compile("(?<![\\p{L}\\p{N}_])(?:" + alt + ")(?![\\p{L}\\p{N}_])",
        Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  }

  private static int intValue(JsonNode node, int fallback, String where) {
    if (node == null || node.isNull()) {
      return fallback;
    }
    if (!node.isIntegralNumber() || !node.canConvertToInt()) {
      throw new IllegalArgumentException(where + " expects a whole number");
    }
    return node.intValue();
  }

  private static void unknownKeys(JsonNode node, Set<String> allowed, String where) {
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      String k = it.next().getKey();
      if (!allowed.contains(k)) {
        throw new IllegalArgumentException("unknown key '" + k + "' in " + where + ". Valid keys: "
            + String.join(", ", allowed.stream().sorted().toList()));
      }
    }
  }
}
