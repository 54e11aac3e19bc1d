package dev.tracemill.curate;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tracemill.model.AssistantMsg;
import dev.tracemill.model.Event;
import dev.tracemill.model.Feedback;
import dev.tracemill.model.Json;
import dev.tracemill.model.Outcome;
import dev.tracemill.model.SystemMsg;
import dev.tracemill.model.Unit;
import dev.tracemill.model.UnitType;
import dev.tracemill.model.UserMsg;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Tags every unit so that trainers can filter, mix and schedule without reading the conversations:
 * what it is ({@code type}, {@code task}, {@code domain}, {@code language}), how it ended
 * ({@code outcome}), its shape ({@link UnitProfile}), a {@code complexity} bucket, and whether its tool
 * calls are valid ({@link ToolSchemas}). The result travels with each exported row in the meta sidecar
 * and is counted in the report.
 *
 * <p>The rules, in the order they are tried:
 * <ul>
 *   <li><b>task</b>: the first {@code tags.task} rule that matches; else the call type the log gives
 *       (lower-cased); else {@code tool_use} for a trajectory, {@code chat} for a thread, {@code qa}.
 *   <li><b>domain</b>: the first {@code tags.domain} rule that matches; else {@code general}.
 *   <li><b>outcome</b>: what the reader found (status codes, finish reasons, rewards); else a
 *       {@code response_valid} metadata value; else the last thumbs up or down; else
 *       {@code failure} when the unit ends in an error event; else {@code unknown}.
 *   <li><b>complexity</b>: {@code recovery} when an error was followed by a recovery; else
 *       {@code multi_tool} when at least {@code multi_tool_min_tools} distinct tools were called; else
 *       {@code multi_step} when there are at least {@code multi_step_min_steps} assistant steps or two
 *       tool calls; else {@code simple}.
 * </ul>
 * Not thread-safe (the language detector and the schema cache are per instance).
 */
public final class Tagger {
  public static final List<String> COMPLEXITY = List.of("simple", "multi_step", "multi_tool", "recovery");
  /** Message text read by text rules, at most this many characters per unit. */
  static final int TEXT_RULE_CHARS = 16_384;

  private final TagConfig config;
  private final LanguageTagger language;
  private final ToolSchemas schemas = new ToolSchemas();

  public Tagger(TagConfig config) {
    this.config = requireNonNull(config, "config is null");
    this.language = config.language() ? new LanguageTagger() : null;
  }

  /** The tags of {@code unit}, read from its original (not yet redacted) content. */
  public UnitTags tag(Unit unit) {
    UnitProfile profile = UnitProfile.of(unit);
    CharSequence text = config.readsText() ? messageText(unit, TEXT_RULE_CHARS) : "";
    String task = firstMatch(config.task(), unit, profile, text);
    if (task == null) {
      task = unit.callType() != null && !unit.callType().isBlank()
          ? unit.callType().strip().toLowerCase(Locale.ROOT)
          : switch (unit.type()) {
            case TRAJECTORY -> "tool_use";
            case THREAD -> "chat";
            case QA -> "qa";
          };
    }
    String domain = firstMatch(config.domain(), unit, profile, text);
    ToolSchemas.Check check = schemas.check(ToolSchemas.calls(unit.events()), unit.tools());
    return new UnitTags(unit.id(), unit.type(), task, domain == null ? "general" : domain, null,
        outcome(unit), complexity(profile), profile, check, sessionHash(unit.session()));
  }

  /**
   * {@code tags} with the language of {@code unit} filled in (unchanged when language detection is
   * off). Separate from {@link #tag} because it is the costly tag: the pipeline asks for it only for
   * units that reach an output, not for the calls that a later call of the same chat extends.
   */
  public UnitTags withLanguage(UnitTags tags, Unit unit) {
    if (language == null) {
      return tags;
    }
    return new UnitTags(tags.id(), tags.type(), tags.task(), tags.domain(), language.language(languageText(unit)),
        tags.outcome(), tags.complexity(), tags.profile(), tags.tools(), tags.sessionHash());
  }

  private static String firstMatch(List<TagConfig.Rule> rules, Unit unit, UnitProfile profile, CharSequence text) {
    for (TagConfig.Rule r : rules) {
      if (r.matches(unit.callType(), profile.toolNames(), text)) {
        return r.value();
      }
    }
    return null;
  }

  String complexity(UnitProfile p) {
    if (p.errors() > 0 && p.recovered()) {
      return "recovery";
    }
    if (p.distinctTools() >= config.multiToolMinTools()) {
      return "multi_tool";
    }
    if (p.steps() >= config.multiStepMinSteps() || p.toolCalls() >= 2) {
      return "multi_step";
    }
    return "simple";
  }

  static Outcome outcome(Unit unit) {
    if (unit.outcome() != Outcome.UNKNOWN) {
      return unit.outcome();
    }
    String valid = unit.tags().get("response_valid");
    if (valid != null) {
      String v = valid.strip().toLowerCase(Locale.ROOT);
      if (v.equals("true") || v.equals("1") || v.equals("yes")) {
        return Outcome.SUCCESS;
      }
      if (v.equals("false") || v.equals("0") || v.equals("no")) {
        return Outcome.FAILURE;
      }
    }
    List<Event> events = unit.events();
    for (int i = events.size() - 1; i >= 0; i--) {
      if (events.get(i).kind() == Event.Kind.FEEDBACK) {
        Boolean up = ((Feedback) events.get(i)).thumbsUp();
        if (up != null) {
          return up ? Outcome.SUCCESS : Outcome.FAILURE;
        }
      }
    }
    if (!events.isEmpty() && events.get(events.size() - 1).kind() == Event.Kind.ERROR) {
      return Outcome.FAILURE;
    }
    return Outcome.UNKNOWN;
  }

  /** System, user and assistant text, in order, at most {@code max} characters. */
  static CharSequence messageText(Unit unit, int max) {
    StringBuilder sb = new StringBuilder();
    for (Event e : unit.events()) {
      String t = switch (e.kind()) {
        case SYSTEM -> ((SystemMsg) e).text();
        case USER -> ((UserMsg) e).text();
        case ASSISTANT -> ((AssistantMsg) e).text();
        case TOOL_CALL, TOOL_RESULT, ERROR, FEEDBACK -> null;
      };
      if (t != null && !t.isEmpty()) {
        sb.append(t, 0, Math.min(t.length(), max - sb.length())).append('\n');
        if (sb.length() >= max) {
          break;
        }
      }
    }
    return sb;
  }

  /**
   * The text the language is read from: the user's messages from the first on (the language of a
   * unit is the user's; every call of a chat session starts with the same one, so the detector's
   * cache answers the session's later calls), else the assistant's.
   */
  private static CharSequence languageText(Unit unit) {
    StringBuilder sb = new StringBuilder();
    for (Event.Kind kind : List.of(Event.Kind.USER, Event.Kind.ASSISTANT)) {
      for (Event e : unit.events()) {
        if (e.kind() == kind) {
          String t = kind == Event.Kind.USER ? ((UserMsg) e).text() : ((AssistantMsg) e).text();
          if (!t.isBlank()) {
            sb.append(t.strip()).append('\n');
          }
          if (sb.length() >= LanguageTagger.MAX_CHARS) {
            return sb;
          }
        }
      }
      if (sb.length() > 0) {
        return sb;
      }
    }
    return sb;
  }

  /**
   * A short digest of the session id: enough to group a session's rows, without copying an id that
   * may be a user's name or address into the sidecar.
   */
  static String sessionHash(String session) {
    if (session == null) {
      return null;
    }
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(("session:" + session).getBytes(StandardCharsets.UTF_8));
      return "s" + HexFormat.of().formatHex(d, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** The tags of one unit. {@code language} is null when language detection is off. */
  public record UnitTags(String id, UnitType type, String task, String domain, String language, Outcome outcome,
      String complexity, UnitProfile profile, ToolSchemas.Check tools, String sessionHash) {

    public UnitTags {
      requireNonNull(id, "id is null");
      requireNonNull(type, "type is null");
      requireNonNull(task, "task is null");
      requireNonNull(domain, "domain is null");
      requireNonNull(outcome, "outcome is null");
      requireNonNull(complexity, "complexity is null");
      requireNonNull(profile, "profile is null");
      requireNonNull(tools, "tools is null");
    }

    /**
     * These tags with the tool names that {@code redacted}, the unit after the privacy stage, calls: the
     * stage renames a tool whose name holds a dictionary term or a secret, consistently, so only the
     * names change (the tags themselves were read from the original). The same instance when no name
     * changed.
     */
    public UnitTags withToolNamesOf(Unit redacted) {
      Set<String> names = UnitProfile.of(redacted).toolNames();
      return names.equals(profile.toolNames()) ? this
          : new UnitTags(id, type, task, domain, language, outcome, complexity, profile.withToolNames(names), tools,
              sessionHash);
    }

    /**
     * The sidecar line: fixed keys in a fixed order; {@code metadata} holds the log's own metadata
     * for the unit (already redacted by the privacy stage).
     */
    public ObjectNode toJson(Map<String, String> metadata) {
      ObjectNode o = Json.object();
      o.put("id", id);
      o.put("type", type.label());
      o.put("task", task);
      o.put("domain", domain);
      if (language != null) {
        o.put("language", language);
      }
      o.put("outcome", outcome.name().toLowerCase(Locale.ROOT));
      o.put("complexity", complexity);
      var models = o.putArray("models");
      profile.sortedModels().forEach(models::add);
      o.put("turns", profile.turns());
      o.put("steps", profile.steps());
      o.put("tool_calls", profile.toolCalls());
      o.put("distinct_tools", profile.distinctTools());
      var names = o.putArray("tools");
      profile.sortedToolNames().forEach(names::add);
      o.put("max_depth", profile.maxDepth());
      o.put("errors", profile.errors());
      o.put("retries", profile.retries());
      o.put("recovered", profile.recovered());
      if (profile.tokens() != null) {
        o.put("tokens", profile.tokens());
      }
      if (profile.latencyMs() != null) {
        o.put("latency_ms", profile.latencyMs());
      }
      o.put("undefined_tool_calls", tools.undefined());
      o.put("invalid_tool_calls", tools.invalid());
      if (sessionHash != null) {
        o.put("session", sessionHash);
      }
      if (metadata != null && !metadata.isEmpty()) {
        ObjectNode m = o.putObject("metadata");
        new java.util.TreeMap<>(metadata).forEach(m::put);
      }
      return o;
    }
  }
}
