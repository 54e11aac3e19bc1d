package dev.tracemill.ingest;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tracemill.model.Call;
import dev.tracemill.model.Json;
import dev.tracemill.model.SourceRef;
import java.io.IOException;
import java.io.InputStream;
import java.util.regex.Pattern;

/**
 * The shared loop of every JSON Lines reader: splits lines, enforces the size limit, parses each line
 * as one JSON object and hands it to a {@link Mapper}. Every non-blank line ends in exactly one
 * {@code accept} or {@code quarantine}; blank lines are not records.
 */
public final class JsonLines {
  /** Turns one parsed line into a call, or throws {@link BadRecordException} naming what is wrong. */
  @FunctionalInterface
  public interface Mapper {
    Call map(JsonNode record, SourceRef where);
  }

  /** The one place Jackson quotes record text: the unrecognised token itself. */
  private static final Pattern QUOTED = Pattern.compile("(?<=[Tt]oken )'[^']*'");
  /** Jackson names the offending character ({@code ('x' (code 120))}): that is record text too. */
  private static final Pattern CHARACTER =
      Pattern.compile("\\s*\\('[^']*'\\s*\\(code \\d+\\)\\)|\\s*'[^']{1,2}'\\s*\\(code \\d+\\)");
  private static final Pattern EXPECTED_VALUE =
      Pattern.compile("was expecting \\(JSON String, Number, Array, Object or token [^)]*\\)");

  private JsonLines() {}

  /**
   * Hands each parsed line to {@code handler}, which must end it in {@code accept} or
   * {@code quarantine} (a line may hold several records, as LangSmith run trees do). Over-long lines
   * and lines that are not JSON are quarantined here; blank lines are skipped.
   */
  @FunctionalInterface
  public interface LineHandler {
    void handle(JsonNode value, SourceRef where);
  }

  public static void read(InputFile file, ReadOptions options, RecordSink sink, Mapper mapper)
      throws IOException {
    forEachLine(file, options, sink, (node, where) -> {
      if (!node.isObject()) {
        sink.quarantine(where, "expected one JSON object per line, found " + describe(node));
        return;
      }
      Call call;
      try {
        call = mapper.map(node, where);
      } catch (BadRecordException e) {
        sink.quarantine(where, e.getMessage());
        return;
      }
      sink.accept(call);
    });
  }

  public static void forEachLine(InputFile file, ReadOptions options, RecordSink sink, LineHandler handler)
      throws IOException {
    try (InputStream in = file.open()) {
      LineReader lines = new LineReader(in, options.maxRecordBytes());
      LineReader.Line line;
      while ((line = lines.next()) != null) {
        SourceRef where = new SourceRef(file.name(), line.number());
        if (line.tooLong()) {
          sink.quarantine(where, "record is longer than the limit of " + options.maxRecordBytes()
              + " bytes (raise --max-record-bytes to read it)");
          continue;
        }
        if (line.isBlank()) {
          continue;
        }
        JsonNode node;
        try {
          node = Json.MAPPER.readTree(line.bytes(), 0, line.length());
        } catch (JsonProcessingException e) {
          sink.quarantine(where, parseFailure(e, line.endsWithoutNewline()));
          continue;
        }
        if (node == null) {
          sink.quarantine(where, "expected one JSON object per line, found nothing");
          continue;
        }
        handler.handle(node, where);
      }
    }
  }

  /** A parse error in words, without any text of the record. */
  /**
   * Whether a file is JSON Lines rather than one JSON document: its first non-blank line parses on its
   * own as an object (or, with {@code arraysToo}, an array), or is too long to be a document's head.
   * {@code ifEmpty} answers for a file of blank lines only.
   */
  static boolean firstLineIsJson(InputFile file, ReadOptions options, boolean arraysToo, boolean ifEmpty)
      throws IOException {
    try (InputStream in = file.open()) {
      LineReader lines = new LineReader(in, options.maxRecordBytes());
      LineReader.Line line;
      while ((line = lines.next()) != null) {
        if (line.tooLong()) {
          return true;
        }
        if (!line.isBlank()) {
          try {
            JsonNode node = Json.MAPPER.readTree(line.bytes(), 0, line.length());
            return node != null && (node.isObject() || (arraysToo && node.isArray()));
          } catch (JsonProcessingException e) {
            return false;
          }
        }
      }
      return ifEmpty;
    }
  }

  static String parseFailure(JsonProcessingException e, boolean lastLineWithoutNewline) {
    String message = e.getOriginalMessage();
    boolean endsInside = e instanceof JsonEOFException
        || (message != null && message.contains("end-of-input"));
    if (lastLineWithoutNewline && endsInside) {
      return "truncated last line: the file ends inside a JSON value (the writer was probably killed)";
    }
    String column = e.getLocation() == null ? "" : " at column " + e.getLocation().getColumnNr();
    if (message != null && message.contains("UTF-8")) {
      return "invalid UTF-8" + column + ": the line is not valid UTF-8 text";
    }
    if (endsInside) {
      return "invalid JSON" + column + ": the line ends inside a JSON value";
    }
    if (e instanceof com.fasterxml.jackson.core.exc.StreamConstraintsException) {
      return "unreadable JSON" + column + ": nested or sized beyond the reader's limits (more than "
          + Json.MAX_NESTING_DEPTH + " levels deep)";
    }
    if (message != null && message.startsWith("Trailing token")) {
      return "invalid JSON" + column + ": unexpected content after the end of the JSON value";
    }
    String detail = message == null ? "malformed" : QUOTED.matcher(message).replaceAll("'…'");
    detail = CHARACTER.matcher(detail).replaceAll("");
    detail = EXPECTED_VALUE.matcher(detail).replaceAll("was expecting a JSON value");
    int cut = detail.indexOf('\n');
    if (cut >= 0) {
      detail = detail.substring(0, cut);
    }
    for (String noise : new String[] {" [Source:", " (for "}) {
      int at = detail.indexOf(noise);
      if (at >= 0) {
        detail = detail.substring(0, at);
      }
    }
    return (e instanceof JsonParseException ? "invalid JSON" : "unreadable JSON") + column + ": " + detail;
  }

  /** "an array", "a string", ... for error messages. */
  public static String describe(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "nothing";
    }
    return switch (node.getNodeType()) {
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case NULL -> "null";
      case BINARY, POJO, MISSING -> "an unsupported value";
    };
  }
}
