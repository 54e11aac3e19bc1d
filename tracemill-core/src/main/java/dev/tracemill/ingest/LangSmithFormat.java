package dev.tracemill.ingest;

import static dev.tracemill.ingest.RecordFields.join;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tracemill.model.Call;
import dev.tracemill.model.ErrorEvent;
import dev.tracemill.model.Event;
import dev.tracemill.model.EventMeta;
import dev.tracemill.model.Json;
import dev.tracemill.model.SourceRef;
import dev.tracemill.model.Usage;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * LangSmith run payloads: a batch document {@code {"post": [runs], "patch": [runs]}} as the SDKs send
 * to the ingest endpoint (a patch completes the posted run with the same {@code id}, or the same
 * {@code dotted_order} when it carries no id, with its outputs, end time and error), a single run
 * object, an array of runs, or JSON Lines of any of these. Runs nest through {@code child_runs}.
 *
 * <p><b>Records:</b> each run with {@code run_type: "llm"} is one record; every other run type
 * (chain, tool, retriever, ...) is a container whose llm runs are read and which is not a record
 * itself. An llm run's {@code inputs} hold OpenAI create parameters ({@code messages}, {@code tools})
 * and its {@code outputs} a {@code chat.completion}, mapped as the {@code openai} format maps them;
 * a streamed run whose {@code finish_reason} is the last chunk object is read too. Runs whose inputs
 * are not OpenAI messages are quarantined with the field named.
 *
 * <p>Session comes from {@code extra.metadata} ({@code session_id}, {@code thread_id} or
 * {@code conversation_id}), trace, span and parent from {@code trace_id}, {@code id} and
 * {@code parent_run_id}; time from {@code start_time} and latency from {@code end_time - start_time}
 * (epoch milliseconds or ISO-8601); model from the outputs, else {@code ls_model_name}, else the
 * inputs; usage from {@code outputs.usage} or {@code usage_metadata}. A run with an {@code error} is
 * a {@code FAILURE}.
 *
 * <p>A record's line is the line where its run object starts. A document (anything that is not JSON
 * Lines) is parsed whole, so it must fit in {@link ReadOptions#maxRecordBytes()}; a larger or
 * malformed document is quarantined as one entry for the file.
 */
public final class LangSmithFormat implements LogFormat {
  @Override
  public String name() {
    return "langsmith";
  }

  @Override
  public String description() {
    return "LangSmith runs: {post, patch} batch, run, array of runs or JSONL; llm runs are calls";
  }

  @Override
  public int sniff(Sample sample) {
    if (!sample.looksLikeJson()) {
      return 0;
    }
    JsonNode first = sample.firstLine();
    if (first != null && !(first.has("post") || first.has("patch") || first.has("run_type"))) {
      return 0;
    }
    return sample.head().contains("\"run_type\"") || sample.head().contains("\"post\"") ? 70 : 0;
  }

  @Override
  public void read(InputFile file, ReadOptions options, RecordSink sink) throws IOException {
    if (isJsonLines(file, options)) {
      readLines(file, options, sink);
    } else {
      readDocument(file, options, sink);
    }
  }

  /** True when the first non-blank line is a whole JSON value (or too long to be a document's head). */
  static boolean isJsonLines(InputFile file, ReadOptions options) throws IOException {
    return JsonLines.firstLineIsJson(file, options, true, false);
  }

  private static void readLines(InputFile file, ReadOptions options, RecordSink sink) throws IOException {
    JsonLines.forEachLine(file, options, sink,
        (node, where) -> new Walk(file.name(), n -> where.line(), sink).root(node));
  }

  private static void readDocument(InputFile file, ReadOptions options, RecordSink sink) throws IOException {
    byte[] bytes;
    try (InputStream in = file.open()) {
      bytes = in.readNBytes(options.maxRecordBytes() + 1);
    }
    if (bytes.length > options.maxRecordBytes()) {
      sink.quarantine(new SourceRef(file.name(), 1), "document is longer than the limit of "
          + options.maxRecordBytes() + " bytes; a LangSmith document is read whole, so raise"
          + " --max-record-bytes or write the runs as JSON Lines (one run per line)");
      return;
    }
    Map<JsonNode, Long> lines = new IdentityHashMap<>();
    JsonNode root;
    try (JsonParser p = Json.MAPPER.getFactory().createParser(bytes)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        return;
      }
      root = value(p, lines);
      if (p.nextToken() != null) {
        sink.quarantine(new SourceRef(file.name(), p.currentTokenLocation().getLineNr()),
            "invalid JSON: unexpected content after the end of the document");
        return;
      }
    } catch (JsonProcessingException e) {
      long line = e.getLocation() == null ? 1 : Math.max(1, e.getLocation().getLineNr());
      // Jackson reports the end of input inside an object as a plain parse error, not an EOF one.
      String message = e.getOriginalMessage();
      boolean atEnd = e instanceof JsonEOFException || (message != null && message.contains("end-of-input"));
      String reason = atEnd
          ? "truncated document: the file ends inside a JSON value"
          : JsonLines.parseFailure(e, false);
      sink.quarantine(new SourceRef(file.name(), line), reason);
      return;
    }
    new Walk(file.name(), n -> lines.getOrDefault(n, 1L), sink).root(root);
  }

  /** Builds a tree like {@code readTree}, remembering the line where every object and array starts. */
  static JsonNode value(JsonParser p, Map<JsonNode, Long> lines) throws IOException {
    JsonToken t = p.currentToken();
    switch (t) {
      case START_OBJECT -> {
        ObjectNode o = Json.object();
        lines.put(o, (long) p.currentTokenLocation().getLineNr());
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          p.nextToken();
          o.set(name, value(p, lines));
        }
        return o;
      }
      case START_ARRAY -> {
        ArrayNode a = Json.array();
        lines.put(a, (long) p.currentTokenLocation().getLineNr());
        while (p.nextToken() != JsonToken.END_ARRAY) {
          a.add(value(p, lines));
        }
        return a;
      }
      case VALUE_STRING -> {
        return Json.NODES.textNode(p.getText());
      }
      case VALUE_NUMBER_INT -> {
        return switch (p.getNumberType()) {
          case INT -> Json.NODES.numberNode(p.getIntValue());
          case LONG -> Json.NODES.numberNode(p.getLongValue());
          default -> Json.NODES.numberNode(p.getBigIntegerValue());
        };
      }
      case VALUE_NUMBER_FLOAT -> {
        return Json.NODES.numberNode(p.getDecimalValue());
      }
      case VALUE_TRUE, VALUE_FALSE -> {
        return Json.NODES.booleanNode(t == JsonToken.VALUE_TRUE);
      }
      case VALUE_NULL -> {
        return Json.NODES.nullNode();
      }
      default -> throw new JsonParseException(p, "unexpected token " + t);
    }
  }

  /** Finds the llm runs of one parsed root (a document or one line) and hands each to the sink. */
  private static final class Walk {
    private final String file;
    private final ToLongFunction<JsonNode> lineOf;
    private final RecordSink sink;

    Walk(String file, ToLongFunction<JsonNode> lineOf, RecordSink sink) {
      this.file = file;
      this.lineOf = lineOf;
      this.sink = sink;
    }

    private SourceRef at(JsonNode node) {
      return new SourceRef(file, lineOf.applyAsLong(node));
    }

    void root(JsonNode root) {
      if (root.isObject() && (root.has("post") || root.has("patch"))) {
        batch(root);
      } else if (root.isObject() && root.has("run_type")) {
        run(root, "");
      } else if (root.isArray()) {
        for (int i = 0; i < root.size(); i++) {
          JsonNode run = root.get(i);
          if (run.isObject()) {
            run(run, "[" + i + "]");
          } else {
            sink.quarantine(at(root), "[" + i + "]: expected a run object, found " + JsonLines.describe(run));
          }
        }
      } else {
        sink.quarantine(at(root), "expected a LangSmith run, an array of runs or a {post, patch} batch, found "
            + (root.isObject() ? "an object without run_type, post or patch" : JsonLines.describe(root)));
      }
    }

    private void batch(JsonNode root) {
      JsonNode post = root.path("post");
      JsonNode patch = root.path("patch");
      for (String field : new String[] {"post", "patch"}) {
        JsonNode v = root.get(field);
        if (v != null && !v.isNull() && !v.isArray()) {
          sink.quarantine(at(root), field + ": expected an array of runs, found " + JsonLines.describe(v));
          return;
        }
      }
      List<JsonNode> runs = new ArrayList<>();
      List<String> paths = new ArrayList<>();
      Map<String, ObjectNode> byId = new HashMap<>();
      Map<String, ObjectNode> byOrder = new HashMap<>();
      List<Integer> orphans = new ArrayList<>();
      for (int i = 0; i < post.size(); i++) {
        JsonNode run = post.get(i);
        if (!run.isObject()) {
          sink.quarantine(at(post), "post[" + i + "]: expected a run object, found " + JsonLines.describe(run));
          continue;
        }
        runs.add(run);
        paths.add("post[" + i + "]");
        if (run.path("id").isTextual()) {
          byId.putIfAbsent(run.get("id").asText(), (ObjectNode) run);
        }
        if (run.path("dotted_order").isTextual()) {
          byOrder.putIfAbsent(run.get("dotted_order").asText(), (ObjectNode) run);
        }
      }
      for (int i = 0; i < patch.size(); i++) {
        JsonNode update = patch.get(i);
        String path = "patch[" + i + "]";
        if (!update.isObject()) {
          sink.quarantine(at(patch), path + ": expected a run object, found " + JsonLines.describe(update));
          continue;
        }
        ObjectNode target = update.path("id").isTextual() ? byId.get(update.get("id").asText()) : null;
        if (target == null && update.path("dotted_order").isTextual()) {
          target = byOrder.get(update.get("dotted_order").asText());
        }
        if (target != null) {
          target.setAll((ObjectNode) update);
        } else if (update.has("run_type")) {
          runs.add(update);
          paths.add(path);
        } else {
          orphans.add(i);
        }
      }
      for (int i = 0; i < runs.size(); i++) {
        run(runs.get(i), paths.get(i));
      }
      for (int i : orphans) {
        sink.quarantine(at(patch.get(i)), "patch[" + i + "]: no posted run has this patch's id or"
            + " dotted_order, and the patch alone is not a whole run");
      }
    }

    /** One run and, depth first, its children: the order in which they appear in the text. */
    private void run(JsonNode run, String path) {
      if ("llm".equals(Json.text(run, "run_type"))) {
        SourceRef where = at(run);
        Call call;
        try {
          call = map(run, path, where);
        } catch (BadRecordException e) {
          sink.quarantine(where, e.getMessage());
          call = null;
        }
        if (call != null) {
          sink.accept(call);
        }
      }
      JsonNode children = run.get("child_runs");
      if (children == null || !children.isArray()) {
        return;
      }
      for (int i = 0; i < children.size(); i++) {
        JsonNode child = children.get(i);
        String childPath = join(path, "child_runs") + "[" + i + "]";
        if (child.isObject()) {
          run(child, childPath);
        } else {
          sink.quarantine(at(children), childPath + ": expected a run object, found " + JsonLines.describe(child));
        }
      }
    }
  }

  static Call map(JsonNode run, String path, SourceRef where) {
    JsonNode inputs = RecordFields.object(run, "inputs", path);
    if (inputs == null) {
      throw new BadRecordException(join(path, "inputs") + ": expected an object with messages");
    }
    JsonNode outputs = RecordFields.object(run, "outputs", path);
    JsonNode extra = RecordFields.object(run, "extra", path);
    JsonNode metadata = RecordFields.object(extra, "metadata", join(path, "extra"));
    String session = RecordFields.session(metadata, join(path, "extra.metadata"));
    EventMeta base = new EventMeta(session, RecordFields.id(run, "trace_id", path), RecordFields.id(run, "id", path),
        RecordFields.id(run, "parent_run_id", path), null, null, Usage.UNKNOWN, null, where, Map.of());
    Instant start = RecordFields.instant(run, "start_time", path);
    Instant end = RecordFields.instant(run, "end_time", path);
    Long latency = start != null && end != null && !end.isBefore(start) ? Duration.between(start, end).toMillis() : null;
    String model = RecordFields.text(outputs, "model", join(path, "outputs"));
    if (model == null) {
      model = Json.text(metadata, "ls_model_name");
    }
    if (model == null) {
      model = Json.text(inputs, "model");
    }
    Usage usage = RecordFields.usage(outputs, "usage", join(path, "outputs"));
    if (usage == null) {
      usage = RecordFields.usage(outputs, "usage_metadata", join(path, "outputs"));
    }
    if (usage == null) {
      usage = RecordFields.usage(run, "usage_metadata", path);
    }
    EventMeta answerMeta = base.withModel(model).withUsage(usage).withTimestamp(start).withLatencyMs(latency);

    OpenAiMessages mapper = new OpenAiMessages();
    List<Event> prompt = mapper.messages(inputs.get("messages"), join(path, "inputs.messages"), base);
    OpenAiFormat.Completion completion =
        OpenAiFormat.completion(mapper, outputs, join(path, "outputs"), answerMeta);
    ErrorEvent error = RecordFields.error(run, "error", path, answerMeta);
    return new Call(where, prompt, completion.withError(error, answerMeta),
        OpenAiMessages.tools(inputs, join(path, "inputs")), completion.outcome(error),
        RecordFields.text(run, "name", path), session, Json.flatStrings(metadata));
  }
}
