package dev.tracemill.privacy;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.tracemill.model.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A labelled corpus in the presidio-research format: a JSON array of objects, or JSON Lines of the
 * same objects, each
 * {@code {"full_text": "...", "spans": [{"entity_type", "entity_value", "start_position", "end_position"}]}}
 * (other fields, such as {@code masked}, are skipped; {@code template_id} chooses the {@link Part}).
 *
 * <p>The file is streamed with Jackson's parser, one record in memory at a time. Offsets are
 * UTF-16 indexes into {@code full_text}, as Java counts; a file written by Python counts code points,
 * so where {@code entity_value} is given and disagrees with the UTF-16 reading but agrees with the
 * code-point reading, the offsets are converted. A gold file is trusted input for a measurement:
 * a bad record stops the read (a {@link GoldCorpusException} naming the record and field, never the
 * text) instead of being skipped, so a figure is never computed on part of a corpus unknowingly.
 */
public final class GoldCorpus {
  /**
   * Which examples to evaluate. A corpus generated from templates (presidio-research's
   * {@code template_id}) is split by template so that tuning on {@link #DEV} and checking on
   * {@link #TEST} never shares a sentence shape: even template ids are dev, odd ones test. Records
   * without a template id are split by their position in the file the same way.
   */
  public enum Part {
    ALL, DEV, TEST;

    boolean includes(long group) {
      return this == ALL || (group % 2 == 0) == (this == DEV);
    }
  }

  private final Path path;
  private final Part part;

  private GoldCorpus(Path path, Part part) {
    this.path = requireNonNull(path, "path is null");
    this.part = requireNonNull(part, "part is null");
  }

  public static GoldCorpus of(Path path) {
    return new GoldCorpus(path, Part.ALL);
  }

  /** The same file, restricted to {@code part}. */
  public GoldCorpus part(Part part) {
    return new GoldCorpus(path, part);
  }

  public Part part() {
    return part;
  }

  public Path path() {
    return path;
  }

  /**
   * Hands every example of this corpus's part to {@code sink} in file order and returns how many there
   * were.
   *
   * @throws GoldCorpusException when the file is not JSON or a record lacks a field the format needs
   * @throws IOException when the file cannot be read
   */
  public long forEach(Consumer<GoldExample> sink) throws IOException {
    try (InputStream in = Files.newInputStream(path)) {
      return read(in, part, sink);
    }
  }

  /** As {@link #forEach}, from a stream the caller closes. */
  static long read(InputStream in, Consumer<GoldExample> sink) throws IOException {
    return read(in, Part.ALL, sink);
  }

  static long read(InputStream in, Part part, Consumer<GoldExample> sink) throws IOException {
    long[] kept = {0};
    read(in, (example, group) -> {
      if (part.includes(group)) {
        kept[0]++;
        sink.accept(example);
      }
    });
    return kept[0];
  }

  private interface GroupedSink {
    void accept(GoldExample example, long group);
  }

  private static void read(InputStream in, GroupedSink sink) throws IOException {
    try (JsonParser p = Json.MAPPER.getFactory().createParser(in)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        return;
      }
      long index = 0;
      if (first == JsonToken.START_ARRAY) {
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
          if (t == null) {
            throw new GoldCorpusException("gold file ends inside its top-level array (record " + index + ")");
          }
          record(p, index++, sink);
        }
        if (p.nextToken() != null) {
          throw new GoldCorpusException("gold file has content after its top-level array (line "
              + p.currentLocation().getLineNr() + ")");
        }
        return;
      }
      for (JsonToken t = first; t != null; t = p.nextToken()) {
        record(p, index++, sink);
      }
    } catch (JsonProcessingException e) {
      // Jackson's own message may quote the file's text; keep only the position.
      throw new GoldCorpusException("gold file is not valid JSON at line " + e.getLocation().getLineNr()
          + ", column " + e.getLocation().getColumnNr());
    }
  }

  private record RawSpan(String type, String value, int start, int end) {}

  /** Reads one object; the parser stands on its START_OBJECT and is left on its END_OBJECT. */
  private static void record(JsonParser p, long index, GroupedSink sink) throws IOException {
    String where = "gold record " + index + " (line " + p.currentLocation().getLineNr() + ")";
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw new GoldCorpusException(where + ": expected an object");
    }
    String text = null;
    List<RawSpan> raw = null;
    long group = index;
    for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      if ("full_text".equals(field)) {
        if (value != JsonToken.VALUE_STRING) {
          throw new GoldCorpusException(where + ": full_text: expected a string");
        }
        text = p.getText();
      } else if ("spans".equals(field)) {
        if (value != JsonToken.START_ARRAY) {
          throw new GoldCorpusException(where + ": spans: expected an array");
        }
        raw = spans(p, where);
      } else if ("template_id".equals(field) && value == JsonToken.VALUE_NUMBER_INT) {
        group = p.getLongValue();
      } else {
        p.skipChildren();
      }
    }
    if (text == null) {
      throw new GoldCorpusException(where + ": full_text: missing");
    }
    if (raw == null) {
      throw new GoldCorpusException(where + ": spans: missing");
    }
    List<GoldExample.Entity> entities = new ArrayList<>(raw.size());
    for (int i = 0; i < raw.size(); i++) {
      entities.add(entity(text, raw.get(i), where + ": spans[" + i + "]"));
    }
    sink.accept(new GoldExample(index, text, entities), group);
  }

  private static List<RawSpan> spans(JsonParser p, String where) throws IOException {
    List<RawSpan> out = new ArrayList<>();
    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
      String at = where + ": spans[" + out.size() + "]";
      if (t != JsonToken.START_OBJECT) {
        throw new GoldCorpusException(at + ": expected an object");
      }
      String type = null;
      String value = null;
      Integer start = null;
      Integer end = null;
      for (JsonToken f = p.nextToken(); f != JsonToken.END_OBJECT; f = p.nextToken()) {
        String field = p.currentName();
        JsonToken v = p.nextToken();
        switch (field) {
          case "entity_type" -> type = string(p, v, at + ".entity_type");
          case "entity_value" -> value = v == JsonToken.VALUE_NULL ? null : string(p, v, at + ".entity_value");
          case "start_position" -> start = integer(p, v, at + ".start_position");
          case "end_position" -> end = integer(p, v, at + ".end_position");
          default -> p.skipChildren();
        }
      }
      if (type == null || start == null || end == null) {
        String missing = type == null ? "entity_type" : start == null ? "start_position" : "end_position";
        throw new GoldCorpusException(at + "." + missing + ": missing");
      }
      out.add(new RawSpan(type, value, start, end));
    }
    return out;
  }

  private static String string(JsonParser p, JsonToken t, String at) throws IOException {
    if (t != JsonToken.VALUE_STRING) {
      throw new GoldCorpusException(at + ": expected a string");
    }
    return p.getText();
  }

  private static int integer(JsonParser p, JsonToken t, String at) throws IOException {
    if (t != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != JsonParser.NumberType.INT) {
      throw new GoldCorpusException(at + ": expected a non-negative integer");
    }
    int n = p.getIntValue();
    if (n < 0) {
      throw new GoldCorpusException(at + ": expected a non-negative integer");
    }
    return n;
  }

  /** Checks the range against the text, converting code-point offsets where that is what agrees. */
  private static GoldExample.Entity entity(String text, RawSpan s, String at) throws GoldCorpusException {
    if (s.end() <= s.start()) {
      throw new GoldCorpusException(at + ": end_position must be greater than start_position");
    }
    boolean fits = s.end() <= text.length();
    if (s.value() == null || fits && text.regionMatches(s.start(), s.value(), 0, s.value().length())
        && s.value().length() == s.end() - s.start()) {
      if (!fits) {
        throw new GoldCorpusException(at + ": end_position is past the end of full_text");
      }
      return new GoldExample.Entity(s.start(), s.end(), s.type());
    }
    int points = text.codePointCount(0, text.length());
    if (s.end() <= points) {
      int start = text.offsetByCodePoints(0, s.start());
      int end = text.offsetByCodePoints(start, s.end() - s.start());
      if (text.substring(start, end).equals(s.value())) {
        return new GoldExample.Entity(start, end, s.type());
      }
    }
    throw new GoldCorpusException(at + ": entity_value does not match full_text at start_position..end_position"
        + " (as UTF-16 or as code-point offsets)");
  }
}
