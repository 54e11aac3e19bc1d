package dev.tracemill.ingest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tracemill.model.Call;
import dev.tracemill.model.Json;
import dev.tracemill.model.ModelJson;
import dev.tracemill.model.SourceRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a reader over one file and keeps what reached the sink, in sink order. The file is named by
 * its file name only, so that golden output does not depend on where the checkout lives.
 */
final class ReaderRun implements RecordSink {
  record Quarantined(SourceRef where, String reason) {}

  final List<Call> calls = new ArrayList<>();
  final List<Quarantined> quarantined = new ArrayList<>();
  final List<SourceRef> folded = new ArrayList<>();
  private final StringBuilder lines = new StringBuilder();

  static ReaderRun of(LogFormat format, Path file) {
    return of(format, file, ReadOptions.DEFAULTS);
  }

  static ReaderRun of(LogFormat format, Path file, ReadOptions options) {
    ReaderRun run = new ReaderRun();
    try {
      format.read(new InputFile(file.getFileName().toString(), file), options, run);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return run;
  }

  @Override
  public void accept(Call call) {
    calls.add(call);
    lines.append(Json.write(ModelJson.call(call))).append('\n');
  }

  @Override
  public void quarantine(SourceRef where, String reason) {
    quarantined.add(new Quarantined(where, reason));
    ObjectNode o = Json.object();
    ObjectNode q = o.putObject("quarantine");
    q.put("line", where.line());
    q.put("reason", reason);
    lines.append(Json.write(o)).append('\n');
  }

  @Override
  public void folded(SourceRef where, String reason) {
    folded.add(where);
    ObjectNode o = Json.object();
    ObjectNode f = o.putObject("folded");
    f.put("line", where.line());
    f.put("reason", reason);
    lines.append(Json.write(o)).append('\n');
  }

  /** One line per sink call: the canonical call JSON, or {@code {"quarantine": {line, reason}}}. */
  String golden() {
    return lines.toString();
  }
}
