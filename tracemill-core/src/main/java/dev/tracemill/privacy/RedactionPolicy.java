package dev.tracemill.privacy;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the {@link Redactor} does with each entity type: replace it in a {@link RedactionStyle}, or
 * mark the whole unit for dropping. Types without a rule are replaced in {@link #style()}.
 *
 * <p>Besides the entity types, the policy knows {@link #PRIVATE_KEY}: a {@link EntityTypes#SECRET}
 * span that holds a PEM or PGP private key block. By default such a unit is dropped: a private key in
 * a log says the conversation handled key material, which no training example should teach, and the
 * drop is reported as {@code contains_private_key}.
 *
 * <p>Secrets cannot be kept: every action replaces them or drops the unit, and their surrogate is a
 * fixed fake ({@link Surrogates#fill}) in every style.
 */
public record RedactionPolicy(RedactionStyle style, Map<String, Rule> rules) {
  /** The policy key of a {@link EntityTypes#SECRET} span that is a private key block. */
  public static final String PRIVATE_KEY = "PRIVATE_KEY";

  public RedactionPolicy {
    requireNonNull(style, "style is null. Use RedactionStyle.SURROGATE for realistic fake values");
    requireNonNull(rules, "rules is null");
    for (Map.Entry<String, Rule> e : rules.entrySet()) {
      requireNonNull(e.getKey(), "rules has a null type");
      requireNonNull(e.getValue(), "rule for " + e.getKey() + " is null");
      if (e.getKey().isBlank()) {
        throw new IllegalArgumentException("rules has a blank type; name an entity type such as EMAIL or "
            + PRIVATE_KEY);
      }
    }
    rules = java.util.Collections.unmodifiableMap(new TreeMap<>(rules));
  }

  /** Surrogates for everything; units holding a private key are dropped. */
  public static RedactionPolicy defaults() {
    return new RedactionPolicy(RedactionStyle.SURROGATE, Map.of(PRIVATE_KEY, Rule.dropUnit()));
  }

  /** This policy with another default style. */
  public RedactionPolicy withStyle(RedactionStyle newStyle) {
    return new RedactionPolicy(newStyle, rules);
  }

  /** This policy with {@code rule} for {@code type} (replacing an earlier one). */
  public RedactionPolicy with(String type, Rule rule) {
    Map<String, Rule> copy = new TreeMap<>(rules);
    copy.put(type, rule);
    return new RedactionPolicy(style, copy);
  }

  /** The rule for a policy key (an entity type or {@link #PRIVATE_KEY}). */
  public Rule ruleFor(String key) {
    Rule rule = rules.get(key);
    return rule != null ? rule : Rule.replace(style);
  }

  /** What to do with one type. */
  public enum Action {
    /** Replace the value in the rule's style. */
    REPLACE,
    /** Replace the value, and report that the unit must be dropped. */
    DROP_UNIT
  }

  /** An action and, for {@link Action#REPLACE}, the style. */
  public record Rule(Action action, RedactionStyle style) {
    public Rule {
      requireNonNull(action, "action is null");
      requireNonNull(style, "style is null");
    }

    public static Rule replace(RedactionStyle style) {
      return new Rule(Action.REPLACE, style);
    }

    /** Drop the unit; its text is still masked, so nothing leaks if the caller keeps it. */
    public static Rule dropUnit() {
      return new Rule(Action.DROP_UNIT, RedactionStyle.MASK);
    }
  }

  /** The report's reason for dropping a unit because of {@code key}: {@code contains_private_key}. */
  static String dropReason(String key) {
    return "contains_" + key.toLowerCase(Locale.ROOT);
  }
}
