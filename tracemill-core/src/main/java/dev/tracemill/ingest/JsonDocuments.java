package dev.tracemill.ingest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.tracemill.model.Call;
import dev.tracemill.model.Json;
import dev.tracemill.model.SourceRef;
import java.io.IOException;
import java.io.InputStream;

/**
 * The shared loop of readers whose input is one JSON document holding an array of records: either a
 * top-level array, or a top-level object with the array under a named field (such as
 * {@code {"llm_calls": [...], ...}}). Elements are streamed one at a time, so the document is never
 * held in memory; each element's line is where it starts.
 *
 * <p>Accounting: every element ends in one {@code accept} or {@code quarantine}. An element larger
 * than {@link ReadOptions#maxRecordBytes()} is quarantined after it was parsed (the parser cannot
 * skip a value it has not read; the limit keeps such records out of the output, not out of memory).
 * A syntax error makes everything from there on unreadable: it becomes one quarantine at the line of
 * the error and the rest of the file is not read. A document of another shape is one quarantine at
 * its first line.
 */
public final class JsonDocuments {
  /** The shared configuration, minus the trailing-token check: an element is followed by the next. */
  static final ObjectReader ELEMENTS =
      Json.MAPPER.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private JsonDocuments() {}

  /**
   * Streams the elements of the document's array to {@code mapper}. {@code field} names the array
   * inside a top-level object; with null, only a top-level array is accepted.
   */
  public static void read(InputFile file, String field, ReadOptions options, RecordSink sink,
      JsonLines.Mapper mapper) throws IOException {
    try (InputStream in = file.open(); JsonParser parser = ELEMENTS.createParser(in)) {
      long line = 1;
      try {
        JsonToken first = parser.nextToken();
        if (first == null) {
          return;
        }
        line = parser.currentTokenLocation().getLineNr();
        if (!findArray(parser, first, field)) {
          sink.quarantine(new SourceRef(file.name(), line), expectedShape(field));
          return;
        }
        while (true) {
          JsonToken token = parser.nextToken();
          JsonLocation start = parser.currentTokenLocation();
          line = start.getLineNr();
          if (token == JsonToken.END_ARRAY) {
            return;
          }
          if (token == null) {
            sink.quarantine(new SourceRef(file.name(), line),
                "invalid JSON: the file ends inside the array (the writer was probably killed)");
            return;
          }
          JsonNode element = ELEMENTS.readTree(parser);
          long size = parser.currentLocation().getByteOffset() - start.getByteOffset();
          SourceRef where = new SourceRef(file.name(), line);
          if (size > options.maxRecordBytes()) {
            sink.quarantine(where, "record is longer than the limit of " + options.maxRecordBytes()
                + " bytes (raise --max-record-bytes to read it)");
          } else if (element == null || !element.isObject()) {
            sink.quarantine(where, "expected a JSON object as array element, found " + JsonLines.describe(element));
          } else {
            accept(element, where, sink, mapper);
          }
        }
      } catch (JsonProcessingException e) {
        long at = e.getLocation() == null || e.getLocation().getLineNr() < 1 ? line : e.getLocation().getLineNr();
        String reason = e instanceof JsonEOFException
            ? "truncated document: the file ends inside a JSON value (the writer was probably killed)"
            : JsonLines.parseFailure(e, false) + " (the rest of the file was not read)";
        sink.quarantine(new SourceRef(file.name(), at), reason);
      }
    }
  }

  private static void accept(JsonNode element, SourceRef where, RecordSink sink, JsonLines.Mapper mapper) {
    Call call;
    try {
      call = mapper.map(element, where);
    } catch (BadRecordException e) {
      sink.quarantine(where, e.getMessage());
      return;
    }
    sink.accept(call);
  }

  /** Moves the parser onto the START_ARRAY of the records; false when the document has no such array. */
  private static boolean findArray(JsonParser parser, JsonToken first, String field) throws IOException {
    if (first == JsonToken.START_ARRAY) {
      return true;
    }
    if (first != JsonToken.START_OBJECT || field == null) {
      return false;
    }
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      if (name.equals(field)) {
        return value == JsonToken.START_ARRAY;
      }
      parser.skipChildren();
    }
    return false;
  }

  private static String expectedShape(String field) {
    return field == null
        ? "expected a JSON array of records"
        : "expected a JSON array of records or an object with a \"" + field + "\" array";
  }
}
