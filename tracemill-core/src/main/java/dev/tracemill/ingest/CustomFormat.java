package dev.tracemill.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tracemill.model.Call;
import dev.tracemill.model.Event;
import dev.tracemill.model.EventMeta;
import dev.tracemill.model.Json;
import dev.tracemill.model.SourceRef;
import dev.tracemill.model.ToolDef;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Any other JSON or JSON Lines log, read through a {@link CustomMapping} from the config file's
 * {@code input} section. Never chosen by detection: it reads whatever the mapping points at.
 *
 * <p><b>Records:</b> with {@code records}, the array at that pointer in a JSON document (a pointer of
 * one step, such as {@code /simulations}, or the empty pointer for a top-level array, is streamed;
 * a deeper one reads the document whole within {@link ReadOptions#maxRecordBytes()}). Without it, each
 * line of a JSON Lines file, each element of a top-level array, or a single JSON object document
 * (one record per file, as benchmark runs often write) is a record.
 *
 * <p><b>Mapping:</b> {@code messages} must point at an OpenAI-style messages array (read as the
 * {@code chat} format reads one: the final assistant turn is the answer) or at a transcript string
 * whose lines start with {@code user: }, {@code assistant: }, {@code system: } or {@code tool: }.
 * {@code tools} points at tool definitions ({@code {type: function, function: {...}}} or flat
 * {@code {name, description, parameters}}). {@code session}, {@code outcome}, {@code timestamp} and
 * {@code metadata} are read as {@link CustomMapping} says; a metadata value that is not a string,
 * number or boolean is copied as compact JSON. A record where {@code messages} is missing or has the
 * wrong shape is quarantined with the pointer named.
 */
public final class CustomFormat implements LogFormat {
  private final CustomMapping mapping;

  /** The registered instance: it names the format; reading needs a mapping. */
  public CustomFormat() {
    this(null);
  }

  public CustomFormat(CustomMapping mapping) {
    this.mapping = mapping;
  }

  public CustomMapping mapping() {
    return mapping;
  }

  @Override
  public String name() {
    return "custom";
  }

  @Override
  public String description() {
    return "Any JSON/JSONL log, mapped by JSON pointers in the config file (never auto-detected)";
  }

  @Override
  public int sniff(Sample sample) {
    return 0;
  }

  @Override
  public void read(InputFile file, ReadOptions options, RecordSink sink) throws IOException {
    if (mapping == null) {
      throw new IOException("input format custom needs the input section of a config file (format: custom,"
          + " messages: /pointer, ...); see docs/input-formats.md");
    }
    JsonLines.Mapper mapper = this::map;
    String records = mapping.records();
    if (records != null) {
      String[] steps = records.isEmpty() ? new String[0] : records.substring(1).split("/", -1);
      if (steps.length <= 1 && (steps.length == 0 || !steps[0].matches("-?\\d+"))) {
        String field = steps.length == 0 ? null : steps[0].replace("~1", "/").replace("~0", "~");
        JsonDocuments.read(file, field, options, sink, mapper);
      } else {
        readDeep(file, options, sink, records);
      }
      return;
    }
    int first = firstChar(file);
    if (first == '[') {
      JsonDocuments.read(file, null, options, sink, mapper);
    } else if (isJsonLines(file, options)) {
      JsonLines.read(file, options, sink, mapper);
    } else {
      JsonNode root = whole(file, options, sink);
      if (root != null) {
        accept(root, new SourceRef(file.name(), 1), sink);
      }
    }
  }

  private void readDeep(InputFile file, ReadOptions options, RecordSink sink, String records) throws IOException {
    JsonNode root = whole(file, options, sink);
    if (root == null) {
      return;
    }
    JsonNode array = CustomMapping.at(root, records);
    if (array == null || !array.isArray()) {
      sink.quarantine(new SourceRef(file.name(), 1), "records: " + records + " is "
          + (array == null ? "not in the document" : "not an array, found " + JsonLines.describe(array)));
      return;
    }
    // The document was read whole, so elements have no line of their own: part tells them apart.
    for (int i = 0; i < array.size(); i++) {
      JsonNode r = array.get(i);
      SourceRef where = new SourceRef(file.name(), 1, i);
      if (!r.isObject()) {
        sink.quarantine(where, records + "/" + i + ": expected a record object, found " + JsonLines.describe(r));
      } else {
        accept(r, where, sink);
      }
    }
  }

  private void accept(JsonNode r, SourceRef where, RecordSink sink) {
    Call call;
    try {
      call = map(r, where);
    } catch (BadRecordException e) {
      sink.quarantine(where, e.getMessage());
      return;
    }
    sink.accept(call);
  }

  /** A document read whole, or null after quarantining it (too long, not JSON). */
  private static JsonNode whole(InputFile file, ReadOptions options, RecordSink sink) throws IOException {
    byte[] bytes;
    try (InputStream in = file.open()) {
      bytes = in.readNBytes(options.maxRecordBytes() + 1);
    }
    if (bytes.length > options.maxRecordBytes()) {
      sink.quarantine(new SourceRef(file.name(), 1), "document is longer than the limit of "
          + options.maxRecordBytes() + " bytes; raise --max-record-bytes, point records at a top-level field,"
          + " or write one record per line");
      return null;
    }
    try {
      return Json.MAPPER.readTree(bytes);
    } catch (JsonProcessingException e) {
      long line = e.getLocation() == null ? 1 : Math.max(1, e.getLocation().getLineNr());
      sink.quarantine(new SourceRef(file.name(), line), JsonLines.parseFailure(e, false));
      return null;
    }
  }

  private static int firstChar(InputFile file) throws IOException {
    try (InputStream in = file.open()) {
      int c;
      while ((c = in.read()) >= 0) {
        if (c != ' ' && c != '\n' && c != '\r' && c != '\t' && c != 0xEF && c != 0xBB && c != 0xBF) {
          return c;
        }
      }
      return -1;
    }
  }

  private static boolean isJsonLines(InputFile file, ReadOptions options) throws IOException {
    return JsonLines.firstLineIsJson(file, options, false, true);
  }

  Call map(JsonNode r, SourceRef where) {
    String session = null;
    if (mapping.session() != null) {
      JsonNode s = CustomMapping.at(r, mapping.session());
      session = s == null || s.isNull() ? null : s.isValueNode() ? s.asText() : Json.write(s);
    }
    Instant timestamp = null;
    if (mapping.timestamp() != null) {
      JsonNode t = CustomMapping.at(r, mapping.timestamp());
      if (t != null && !t.isNull()) {
        var holder = Json.object();
        holder.set("timestamp", t);
        try {
          timestamp = RecordFields.instant(holder, "timestamp", "");
        } catch (BadRecordException e) {
          throw new BadRecordException(mapping.timestamp() + ": expected an ISO-8601 date-time or an epoch number");
        }
      }
    }
    EventMeta meta = EventMeta.of(where).withSession(session).withTimestamp(timestamp);
    JsonNode messages = CustomMapping.at(r, mapping.messages());
    if (messages == null || messages.isNull()) {
      throw new BadRecordException(mapping.messages() + ": not found in the record (messages pointer)");
    }
    List<Event> prompt;
    List<Event> answer;
    if (messages.isTextual()) {
      List<Event> events = new TraceMessages().transcript(messages.asText(), meta);
      int cut = answerStart(events);
      prompt = events.subList(0, cut);
      answer = events.subList(cut, events.size());
    } else if (messages.isArray()) {
      OpenAiMessages.Split split = new OpenAiMessages().split(messages, mapping.messages(), meta, meta);
      prompt = split.prompt();
      answer = split.answer();
    } else {
      throw new BadRecordException(mapping.messages() + ": expected an array of messages or a transcript string, found "
          + JsonLines.describe(messages));
    }
    List<ToolDef> tools = new ArrayList<>();
    if (mapping.tools() != null) {
      JsonNode t = CustomMapping.at(r, mapping.tools());
      if (t != null && !t.isNull()) {
        if (!t.isArray()) {
          throw new BadRecordException(mapping.tools() + ": expected an array of tool definitions, found "
              + JsonLines.describe(t));
        }
        for (int i = 0; i < t.size(); i++) {
          ToolDef d = TraceRebuild.toolDef(t.get(i), null);
          if (d == null) {
            throw new BadRecordException(mapping.tools() + "/" + i + ": expected a tool definition with a name");
          }
          tools.add(d);
        }
      }
    }
    var outcome = mapping.outcome() == null ? null : mapping.outcomeOf(CustomMapping.at(r, mapping.outcome()));
    Map<String, String> metadata = new LinkedHashMap<>();
    mapping.metadata().forEach((name, pointer) -> {
      JsonNode v = CustomMapping.at(r, pointer);
      if (v != null && !v.isNull()) {
        metadata.put(name, v.isValueNode() ? v.asText() : Json.write(v));
      }
    });
    return new Call(where, prompt, List.of(answer), tools, outcome, null, session, metadata);
  }

  /** Where the final assistant turn (a message and the tool calls right after it) starts; size when none. */
  private static int answerStart(List<Event> events) {
    int i = events.size();
    while (i > 0 && events.get(i - 1).kind() == Event.Kind.TOOL_CALL) {
      i--;
    }
    return i > 0 && events.get(i - 1).kind() == Event.Kind.ASSISTANT ? i - 1 : events.size();
  }
}
