package dev.tracemill.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tracemill.model.Json;
import dev.tracemill.model.SourceRef;
import java.io.IOException;
import java.io.InputStream;

/**
 * Langfuse trace exports: what {@code GET /api/public/traces/{id}} returns (a trace object with its
 * {@code observations} and {@code scores}), the {@code {"trace": {...}, "observations": [...]}} pair
 * that Langfuse's own export scripts write, an array of either, or JSON Lines of either.
 *
 * <p><b>Records:</b> one trace is one record. Its {@code GENERATION} observations are the model
 * calls; {@code TOOL} observations (and spans that OpenTelemetry instrumentations mark as tool
 * executions) hold tool results; {@code SPAN}, {@code AGENT}, {@code CHAIN} and the like are
 * containers. {@link TraceRebuild} turns the generations into trajectories (one call per distinct
 * conversation of the trace, numbered with {@link SourceRef#part}); message shapes are read by
 * {@link TraceMessages}, which knows the spellings of the frameworks that report to Langfuse
 * (OpenAI, LangChain/LangGraph, pydantic-ai and other OTel GenAI emitters, Vercel AI SDK, Gemini,
 * agno, CrewAI, AutoGen, BeeAI).
 *
 * <p>A document (anything that is not JSON Lines) is parsed element by element when it is an array;
 * a single trace object is read whole and must fit in {@link ReadOptions#maxRecordBytes()}.
 */
public final class LangfuseFormat implements LogFormat {
  @Override
  public String name() {
    return "langfuse";
  }

  @Override
  public String description() {
    return "Langfuse traces: {trace, observations} or a trace with observations (JSON or JSONL)";
  }

  @Override
  public int sniff(Sample sample) {
    if (!sample.looksLikeJson()) {
      return 0;
    }
    JsonNode first = sample.firstLine();
    if (first != null) {
      boolean pair = first.path("trace").isObject() && first.has("observations");
      boolean trace = first.path("observations").isArray() && first.has("projectId");
      return pair || trace ? 88 : 0;
    }
    String head = sample.head();
    boolean observations = head.contains("\"observations\"");
    boolean langfuse = head.contains("\"parentObservationId\"") || head.contains("\"projectId\"")
        || head.contains("\"traceId\"");
    boolean observationList = head.contains("\"parentObservationId\"") && head.contains("\"traceId\"")
        && head.contains("\"startTime\"");
    return observations && langfuse || observationList ? 88 : 0;
  }

  @Override
  public void read(InputFile file, ReadOptions options, RecordSink sink) throws IOException {
    if (isJsonLines(file, options)) {
      JsonLines.forEachLine(file, options, sink, (node, where) -> TraceRebuild.langfuse(node, where, sink));
      return;
    }
    byte[] bytes;
    try (InputStream in = file.open()) {
      bytes = in.readNBytes(options.maxRecordBytes() + 1);
    }
    boolean tooLong = bytes.length > options.maxRecordBytes();
    try (JsonParser p = JsonDocuments.ELEMENTS.createParser(bytes)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        return;
      }
      if (first == JsonToken.START_ARRAY) {
        readArray(file, p, sink, tooLong, options);
        return;
      }
      if (tooLong) {
        sink.quarantine(new SourceRef(file.name(), 1), "document is longer than the limit of "
            + options.maxRecordBytes() + " bytes; a single trace is read whole, so raise --max-record-bytes"
            + " or write one trace per line (JSON Lines)");
        return;
      }
      JsonNode root = JsonDocuments.ELEMENTS.readTree(p);
      if (p.nextToken() != null) {
        sink.quarantine(new SourceRef(file.name(), p.currentTokenLocation().getLineNr()),
            "invalid JSON: unexpected content after the end of the document");
        return;
      }
      TraceRebuild.langfuse(root, new SourceRef(file.name(), 1), sink);
    } catch (JsonProcessingException e) {
      long line = e.getLocation() == null ? 1 : Math.max(1, e.getLocation().getLineNr());
      String reason = e instanceof JsonEOFException
          ? "truncated document: the file ends inside a JSON value"
          : JsonLines.parseFailure(e, false);
      sink.quarantine(new SourceRef(file.name(), line), reason);
    }
  }

  /** An array of traces: each element is one record at the line where it starts. */
  private static void readArray(InputFile file, JsonParser p, RecordSink sink, boolean tooLong, ReadOptions options)
      throws IOException {
    while (true) {
      JsonToken t = p.nextToken();
      long line = p.currentTokenLocation().getLineNr();
      if (t == JsonToken.END_ARRAY) {
        return;
      }
      if (t == null) {
        sink.quarantine(new SourceRef(file.name(), line), tooLong
            ? "document is longer than the limit of " + options.maxRecordBytes() + " bytes; raise"
                + " --max-record-bytes or write one trace per line (JSON Lines)"
            : "invalid JSON: the file ends inside the array (the writer was probably killed)");
        return;
      }
      JsonNode element = JsonDocuments.ELEMENTS.readTree(p);
      if (element.isObject() && element.has("traceId") && element.has("type") && !element.has("observations")) {
        // An array of observations, not of traces: group them by trace as the API's list answer is.
        com.fasterxml.jackson.databind.node.ArrayNode all = Json.array();
        all.add(element);
        JsonToken next;
        while ((next = p.nextToken()) != null && next != JsonToken.END_ARRAY) {
          all.add((JsonNode) JsonDocuments.ELEMENTS.readTree(p));
        }
        if (next == null) {
          // Grouping by trace needs every observation: a cut array is one quarantine for the file.
          sink.quarantine(new SourceRef(file.name(), p.currentTokenLocation().getLineNr()), tooLong
              ? "document is longer than the limit of " + options.maxRecordBytes() + " bytes; an array of"
                  + " observations is read whole, so raise --max-record-bytes"
              : "invalid JSON: the file ends inside the array (the writer was probably killed)");
          return;
        }
        com.fasterxml.jackson.databind.node.ObjectNode list = Json.object();
        list.set("data", all);
        TraceRebuild.langfuse(list, new SourceRef(file.name(), line), sink);
        return;
      }
      TraceRebuild.langfuse(element, new SourceRef(file.name(), line), sink);
    }
  }

  private static boolean isJsonLines(InputFile file, ReadOptions options) throws IOException {
    return JsonLines.firstLineIsJson(file, options, false, false);
  }
}
