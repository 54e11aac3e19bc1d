package dev.tracemill.ingest;

import static dev.tracemill.ingest.RecordFields.join;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tracemill.model.AssistantMsg;
import dev.tracemill.model.Event;
import dev.tracemill.model.EventMeta;
import dev.tracemill.model.Json;
import dev.tracemill.model.SystemMsg;
import dev.tracemill.model.ToolCall;
import dev.tracemill.model.ToolDef;
import dev.tracemill.model.ToolResult;
import dev.tracemill.model.UserMsg;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps OpenAI Chat Completions messages (the request's {@code messages} and a response choice's
 * {@code message}) to canonical events. One instance serves one record: it numbers the ids it invents
 * ({@code call_1}, {@code call_2}, ... in the order met, so the same record always gets the same ids)
 * and links {@code tool} results to the names of the calls they answer.
 *
 * <p>Every assistant message becomes exactly one {@link AssistantMsg} (empty text when it only calls
 * tools) immediately followed by its {@link ToolCall}s, which is the order {@code Unit} promises.
 * Image, audio and file parts carry no text and are left out. Errors name the JSON path and what was
 * expected, never a value.
 */
final class OpenAiMessages {
  private static final String ROLES = "system, developer, user, assistant, tool or function";

  private int invented;
  private final Map<String, String> callNames = new HashMap<>();
  /** Legacy {@code function_call}s not yet answered by a {@code function} message, oldest first. */
  private final List<ToolCall> openLegacyCalls = new ArrayList<>();

  /** Maps every message of {@code messages} (the array at {@code path}) with the same meta. */
  List<Event> messages(JsonNode messages, String path, EventMeta meta) {
    if (messages == null || !messages.isArray()) {
      throw new BadRecordException(path + ": expected an array of messages, found " + JsonLines.describe(messages));
    }
    List<Event> out = new ArrayList<>();
    for (int i = 0; i < messages.size(); i++) {
      out.addAll(message(messages.get(i), path + "[" + i + "]", meta, null));
    }
    return out;
  }

  /**
   * Maps one message. {@code defaultRole} is used when the message has no role (response choices
   * sometimes omit it); null means a role is required.
   */
  List<Event> message(JsonNode m, String path, EventMeta meta, String defaultRole) {
    if (m == null || !m.isObject()) {
      throw new BadRecordException(path + ": expected a message object, found " + JsonLines.describe(m));
    }
    JsonNode roleNode = m.get("role");
    String role;
    if ((roleNode == null || roleNode.isNull()) && defaultRole != null) {
      role = defaultRole;
    } else if (roleNode == null || !roleNode.isTextual()) {
      throw new BadRecordException(join(path, "role") + ": expected a string, found " + JsonLines.describe(roleNode));
    } else {
      role = roleNode.asText();
    }
    return switch (role) {
      case "system", "developer" -> List.of(new SystemMsg(content(m, path), meta));
      case "user" -> List.of(new UserMsg(content(m, path), meta));
      case "assistant" -> assistant(m, path, meta);
      case "tool" -> List.of(toolResult(m, path, meta));
      case "function" -> List.of(functionResult(m, path, meta));
      default -> throw new BadRecordException(join(path, "role") + ": unknown role, expected " + ROLES);
    };
  }

  private List<Event> assistant(JsonNode m, String path, EventMeta meta) {
    String text = content(m, path);
    if (text.isEmpty()) {
      String refusal = RecordFields.text(m, "refusal", path);
      if (refusal != null) {
        text = refusal;
      }
    }
    String reasoning = reasoning(m, path);
    JsonNode weight = m.get("weight");
    if (weight != null && !weight.isNull()) {
      if (!weight.isIntegralNumber() || (weight.asInt() != 0 && weight.asInt() != 1)) {
        throw new BadRecordException(join(path, "weight") + ": expected 0 or 1");
      }
      if (weight.asInt() == 0) {
        meta = RecordFields.withAttribute(meta, "weight", "0");
      }
    }
    List<Event> out = new ArrayList<>();
    out.add(new AssistantMsg(text, reasoning, meta));
    JsonNode calls = RecordFields.array(m, "tool_calls", path);
    if (calls != null) {
      for (int i = 0; i < calls.size(); i++) {
        out.add(toolCall(calls.get(i), join(path, "tool_calls") + "[" + i + "]", meta));
      }
    }
    JsonNode legacy = RecordFields.object(m, "function_call", path);
    if (legacy != null) {
      ToolCall call = function(legacy, join(path, "function_call"), inventId(), meta);
      openLegacyCalls.add(call);
      out.add(call);
    }
    return out;
  }

  private static String reasoning(JsonNode m, String path) {
    for (String field : new String[] {"reasoning_content", "reasoning"}) {
      JsonNode v = m.get(field);
      if (v != null && v.isTextual()) {
        return v.asText();
      }
    }
    return null;
  }

  private ToolCall toolCall(JsonNode c, String path, EventMeta meta) {
    if (c == null || !c.isObject()) {
      throw new BadRecordException(path + ": expected a tool call object, found " + JsonLines.describe(c));
    }
    String id = RecordFields.id(c, "id", path);
    JsonNode function = c.get("function");
    if (function == null || !function.isObject()) {
      throw new BadRecordException(join(path, "function") + ": expected an object, found "
          + JsonLines.describe(function));
    }
    return function(function, join(path, "function"), id == null ? inventId() : id, meta);
  }

  /** {@code {name, arguments}} as in {@code tool_calls[].function} and legacy {@code function_call}. */
  private ToolCall function(JsonNode f, String path, String id, EventMeta meta) {
    String name = RecordFields.text(f, "name", path);
    if (name == null) {
      throw new BadRecordException(join(path, "name") + ": expected a string");
    }
    JsonNode args = f.get("arguments");
    String raw;
    JsonNode parsed;
    if (args == null || args.isNull()) {
      raw = "";
      parsed = null;
    } else if (args.isTextual()) {
      raw = args.asText();
      parsed = Json.tryParse(raw);
    } else if (args.isObject()) {
      raw = Json.write(args);
      parsed = args;
    } else {
      throw new BadRecordException(join(path, "arguments") + ": expected a JSON string or an object, found "
          + JsonLines.describe(args));
    }
    callNames.put(id, name);
    return new ToolCall(id, name, parsed, raw, meta);
  }

  private ToolResult toolResult(JsonNode m, String path, EventMeta meta) {
    String callId = RecordFields.id(m, "tool_call_id", path);
    if (callId == null) {
      throw new BadRecordException(join(path, "tool_call_id") + ": expected a string");
    }
    String name = RecordFields.text(m, "name", path);
    if (name == null) {
      name = callNames.get(callId);
    }
    return new ToolResult(callId, name, content(m, path), false, meta);
  }

  private ToolResult functionResult(JsonNode m, String path, EventMeta meta) {
    String name = RecordFields.text(m, "name", path);
    if (name == null) {
      throw new BadRecordException(join(path, "name") + ": expected a string (the function's name)");
    }
    String callId = null;
    for (int i = openLegacyCalls.size() - 1; i >= 0; i--) {
      if (openLegacyCalls.get(i).name().equals(name)) {
        callId = openLegacyCalls.remove(i).id();
        break;
      }
    }
    if (callId == null) {
      callId = inventId();
    }
    return new ToolResult(callId, name, content(m, path), false, meta);
  }

  private String inventId() {
    invented++;
    return "call_" + invented;
  }

  /**
   * The text of {@code content}: a string, null (empty text), or a list of parts whose
   * {@code text}/{@code input_text}/{@code output_text}/{@code refusal} parts are joined with a newline.
   */
  static String content(JsonNode m, String path) {
    JsonNode c = m.get("content");
    String p = join(path, "content");
    if (c == null || c.isNull()) {
      return "";
    }
    if (c.isTextual()) {
      return c.asText();
    }
    if (!c.isArray()) {
      throw new BadRecordException(p + ": expected a string, an array of parts or null, found "
          + JsonLines.describe(c));
    }
    StringBuilder text = new StringBuilder();
    boolean first = true;
    for (int i = 0; i < c.size(); i++) {
      JsonNode part = c.get(i);
      String partPath = p + "[" + i + "]";
      String piece;
      if (part.isTextual()) {
        piece = part.asText();
      } else if (part.isObject()) {
        String type = RecordFields.text(part, "type", partPath);
        piece = switch (type == null ? "" : type) {
          case "text", "input_text", "output_text" -> required(part, "text", partPath);
          case "refusal" -> required(part, "refusal", partPath);
          default -> null;
        };
      } else {
        throw new BadRecordException(partPath + ": expected a content part object, found " + JsonLines.describe(part));
      }
      if (piece != null) {
        if (!first) {
          text.append('\n');
        }
        text.append(piece);
        first = false;
      }
    }
    return text.toString();
  }

  private static String required(JsonNode part, String field, String path) {
    String s = RecordFields.text(part, field, path);
    if (s == null) {
      throw new BadRecordException(join(path, field) + ": expected a string");
    }
    return s;
  }

  /** A finished conversation cut before its final assistant turn; see {@link #split}. */
  record Split(List<Event> prompt, List<Event> answer) {}

  /**
   * Maps a finished conversation (chat files, logger rows): everything before the final assistant
   * turn is the prompt (with {@code promptMeta}); the final assistant message, when the last message
   * is one, is the answer (with {@code answerMeta}); else the answer is empty.
   */
  Split split(JsonNode messages, String path, EventMeta promptMeta, EventMeta answerMeta) {
    if (messages == null || !messages.isArray()) {
      throw new BadRecordException(path + ": expected an array of messages, found " + JsonLines.describe(messages));
    }
    int last = messages.size() - 1;
    boolean endsWithAssistant = last >= 0 && messages.get(last).isObject()
        && "assistant".equals(Json.text(messages.get(last), "role"));
    int promptEnd = endsWithAssistant ? last : last + 1;
    List<Event> prompt = new ArrayList<>();
    for (int i = 0; i < promptEnd; i++) {
      prompt.addAll(message(messages.get(i), path + "[" + i + "]", promptMeta, null));
    }
    List<Event> answer = endsWithAssistant
        ? message(messages.get(last), path + "[" + last + "]", answerMeta, null)
        : List.of();
    return new Split(prompt, answer);
  }

  /**
   * Tool definitions from {@code tools} ({@code [{type: function, function: {name, description,
   * parameters}}]}) and the legacy {@code functions} ({@code [{name, description, parameters}]}) of
   * {@code node}. Tools of other types (built-in tools such as web search) have no schema to train on
   * and are left out.
   */
  static List<ToolDef> tools(JsonNode node, String path) {
    List<ToolDef> out = new ArrayList<>();
    JsonNode tools = RecordFields.array(node, "tools", path);
    if (tools != null) {
      for (int i = 0; i < tools.size(); i++) {
        JsonNode t = tools.get(i);
        String p = join(path, "tools") + "[" + i + "]";
        if (!t.isObject()) {
          throw new BadRecordException(p + ": expected a tool object, found " + JsonLines.describe(t));
        }
        String type = RecordFields.text(t, "type", p);
        if (type != null && !type.equals("function")) {
          continue;
        }
        JsonNode f = RecordFields.object(t, "function", p);
        if (f == null) {
          throw new BadRecordException(join(p, "function") + ": expected an object");
        }
        out.add(toolDef(f, join(p, "function")));
      }
    }
    JsonNode functions = RecordFields.array(node, "functions", path);
    if (functions != null) {
      for (int i = 0; i < functions.size(); i++) {
        JsonNode f = functions.get(i);
        String p = join(path, "functions") + "[" + i + "]";
        if (!f.isObject()) {
          throw new BadRecordException(p + ": expected a function object, found " + JsonLines.describe(f));
        }
        out.add(toolDef(f, p));
      }
    }
    return out;
  }

  private static ToolDef toolDef(JsonNode f, String path) {
    String name = RecordFields.text(f, "name", path);
    if (name == null) {
      throw new BadRecordException(join(path, "name") + ": expected a string");
    }
    return new ToolDef(name, RecordFields.text(f, "description", path),
        RecordFields.object(f, "parameters", path));
  }
}
