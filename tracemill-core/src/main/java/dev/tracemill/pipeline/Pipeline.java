package dev.tracemill.pipeline;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tracemill.curate.ExactDedup;
import dev.tracemill.curate.Filters;
import dev.tracemill.curate.UnitFilter;
import dev.tracemill.export.ExportResult;
import dev.tracemill.export.Exporter;
import dev.tracemill.export.Exporters;
import dev.tracemill.ingest.Formats;
import dev.tracemill.ingest.InputFile;
import dev.tracemill.ingest.Inputs;
import dev.tracemill.ingest.LogFormat;
import dev.tracemill.ingest.RecordSink;
import dev.tracemill.model.Call;
import dev.tracemill.model.Json;
import dev.tracemill.model.SourceRef;
import dev.tracemill.model.Unit;
import dev.tracemill.model.UnitType;
import dev.tracemill.report.Ledger;
import dev.tracemill.segment.CollapseIndex;
import dev.tracemill.segment.Segmenter;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Wires the stages of one run, in the order data moves:
 *
 * <ol>
 *   <li><b>scan</b> (when collapsing): read every input once and index the assistant-turn prefixes of
 *       every viable conversation ({@link CollapseIndex});
 *   <li><b>read</b>: read again; each record is segmented into units, which are merged (a longer call
 *       holds them), filtered, deduplicated, or spilled to disk;
 *   <li><b>export</b>: replay the spill in shuffled (or arrival) order, apply the limit, assign splits,
 *       write every format's rows, then the report and the quarantine file.
 * </ol>
 *
 * Outputs are written under a temporary folder inside {@code out} and moved into place only when the
 * whole run succeeded, so a failed run leaves the previous outputs untouched.
 */
public final class Pipeline {
  static final String TMP = ".tracemill-tmp";
  static final String VERSION = "0.1.0";

  private final RunConfig config;
  private final PipelineListener listener;
  private final InputStream stdin;
  private final List<Exporter> exporters;
  private final Ledger ledger = new Ledger();
  private final Map<String, long[]> fileRecords = new LinkedHashMap<>();
  private final Map<String, String> fileFormats = new LinkedHashMap<>();

  private Pipeline(RunConfig config, PipelineListener listener, InputStream stdin) {
    this.config = config;
    this.exporters = config.formats().stream().map(n -> Exporters.byName(n).orElseThrow()).toList();
    this.listener = listener;
    this.stdin = stdin;
  }

  /** Runs the whole pipeline; outputs land under {@code config.out()} only when it succeeds. */
  public static RunResult run(RunConfig config, PipelineListener listener) throws RunFailedException {
    return run(config, listener, System.in);
  }

  /** As {@link #run(RunConfig, PipelineListener)}, reading {@code -} from {@code stdin}. */
  public static RunResult run(RunConfig config, PipelineListener listener, InputStream stdin)
      throws RunFailedException {
    return new Pipeline(config, listener == null ? PipelineListener.NONE : listener, stdin).execute();
  }

  private RunResult execute() throws RunFailedException {
    Path out = config.out();
    Path tmp = out.resolve(TMP);
    try {
      Files.createDirectories(out);
      deleteTree(tmp);
      Files.createDirectories(tmp);
    } catch (IOException e) {
      throw new RunFailedException("cannot write to output directory '" + out + "': " + e.getMessage(), e);
    }
    try {
      Map<InputFile, LogFormat> formats = detectFormats(Inputs.expand(config.inputs(), stdin, tmp));
      ObjectNode report = process(new ArrayList<>(formats.keySet()), formats, tmp);
      promote(tmp, out, report);
      return new RunResult(report, out.resolve("report.json"));
    } catch (Inputs.UnreadableInputException e) {
      throw new RunFailedException(e.getMessage(), e);
    } catch (StrictStop e) {
      throw new RunFailedException("strict mode: bad record at " + e.where + ": " + e.reason
          + " (run without --strict to quarantine it and go on)");
    } catch (IOException | UncheckedIOException e) {
      throw new RunFailedException("I/O error: " + e.getMessage(), e);
    } finally {
      try {
        deleteTree(tmp);
      } catch (IOException ignored) {
        // Best effort: a leftover temporary folder is removed by the next run.
      }
    }
  }

  private Map<InputFile, LogFormat> detectFormats(List<InputFile> files) throws IOException {
    Map<InputFile, LogFormat> formats = new LinkedHashMap<>();
    for (InputFile f : files) {
      if (Formats.isBlank(f)) {
        fileFormats.put(f.name(), "empty");
        continue;
      }
      LogFormat format = config.inputFormat() != null
          ? Formats.byName(config.inputFormat()).orElseThrow()
          : Formats.detect(f).orElse(null);
      formats.put(f, format);
      fileFormats.put(f.name(), format == null ? "unknown" : format.name());
    }
    return formats;
  }

  private ObjectNode process(List<InputFile> files, Map<InputFile, LogFormat> formats, Path tmp)
      throws IOException {
    List<UnitFilter> filters = Filters.chain(config.successOnly(), config.minLength(), config.maxLength());
    CollapseIndex index = null;
    long scanned = -1;
    if (config.collapse()) {
      index = new CollapseIndex();
      scanned = scan(files, formats, filters, index);
    }
    ExactDedup dedup = config.dedup() ? new ExactDedup(config.dedupField() == RunConfig.DedupField.FULL
        ? ExactDedup.Field.FULL : ExactDedup.Field.PROMPT) : null;

    Path quarantineFile = tmp.resolve("quarantine.jsonl");
    BitSet emittedRecords = new BitSet();
    long pending;
    try (Spill spill = new Spill(tmp.resolve("spill"), config.shuffle());
         BufferedWriter quarantine = Files.newBufferedWriter(quarantineFile, StandardCharsets.UTF_8)) {
      Reader reader = new Reader(filters, index, dedup, spill, quarantine);
      listener.phaseStarted("read", scanned);
      for (InputFile f : files) {
        reader.file = f.name();
        readFile(f, formats.get(f), reader);
      }
      listener.phaseFinished("read");
      pending = reader.pendingRecords;
      spill.close();
      ObjectNode exports = export(spill, tmp, emittedRecords);
      ledger.emitted(emittedRecords.cardinality());
      ledger.filtered(Filters.OVER_LIMIT, pending - emittedRecords.cardinality());
      ledger.check();
      return report(exports);
    }
  }

  /** Pass 1: index the prefixes of every conversation that would survive the filters. */
  private long scan(List<InputFile> files, Map<InputFile, LogFormat> formats, List<UnitFilter> filters,
      CollapseIndex index) throws IOException {
    listener.phaseStarted("scan", -1);
    long[] records = {0};
    RecordSink sink = new RecordSink() {
      @Override
      public void accept(Call call) {
        records[0]++;
        listener.advanced(1);
        for (Unit unit : Segmenter.units(call)) {
          if (Filters.firstRejection(filters, unit) == null) {
            index.add(unit.events(), unit.session());
          }
        }
      }

      @Override
      public void quarantine(SourceRef where, String reason) {
        records[0]++;
        listener.advanced(1);
      }
    };
    for (InputFile f : files) {
      LogFormat format = formats.get(f);
      if (format == null) {
        records[0]++;
        continue;
      }
      try {
        format.read(f, config.readOptions(), sink);
      } catch (IOException e) {
        records[0]++;
      }
    }
    listener.phaseFinished("scan");
    return records[0];
  }

  private void readFile(InputFile f, LogFormat format, Reader reader) throws IOException {
    if (format == null) {
      reader.quarantine(new SourceRef(f.name(), 0), "unrecognised log format: no reader claims this file"
          + " (pass --input-format to choose one; see 'tracemill formats')");
      return;
    }
    try {
      format.read(f, config.readOptions(), reader);
    } catch (IOException e) {
      reader.quarantine(new SourceRef(f.name(), reader.lastLine + 1),
          "cannot read the rest of the file: " + e.getMessage());
    }
  }

  /** Pass 2's sink: decides the fate of every record. */
  private final class Reader implements RecordSink {
    private final List<UnitFilter> filters;
    private final CollapseIndex index;
    private final ExactDedup dedup;
    private final Spill spill;
    private final BufferedWriter quarantine;
    String file;
    long lastLine;
    long records;
    long pendingRecords;

    Reader(List<UnitFilter> filters, CollapseIndex index, ExactDedup dedup, Spill spill,
        BufferedWriter quarantine) {
      this.filters = filters;
      this.index = index;
      this.dedup = dedup;
      this.spill = spill;
      this.quarantine = quarantine;
    }

    @Override
    public void accept(Call call) {
      long record = records++;
      lastLine = call.source().line();
      ledger.recordRead();
      countFileRecord(call.source().file());
      listener.advanced(1);
      boolean spilled = false;
      boolean merged = false;
      String reason = null;
      for (Unit unit : Segmenter.units(call)) {
        if (index != null && index.isExtendedElsewhere(unit.events(), unit.session())) {
          merged = true;
          continue;
        }
        String rejected = Filters.firstRejection(filters, unit);
        if (rejected == null && dedup != null && !dedup.firstSeen(unit)) {
          rejected = Filters.DUPLICATE;
        }
        if (rejected != null) {
          reason = reason == null ? rejected : reason;
          continue;
        }
        try {
          long group = seededHash(groupOf(unit));
          spill.write(config.shuffle() ? group : spill.count(), record, unit.type().ordinal(), group,
              render(unit));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        spilled = true;
      }
      if (spilled) {
        pendingRecords++;
      } else if (merged) {
        ledger.merged();
      } else {
        ledger.filtered(reason);
      }
    }

    @Override
    public void quarantine(SourceRef where, String reason) {
      records++;
      lastLine = where.line();
      ledger.recordRead();
      countFileRecord(where.file());
      listener.advanced(1);
      if (config.strict()) {
        throw new StrictStop(where.toString(), reason);
      }
      ledger.quarantined(category(reason));
      listener.quarantined(where.toString(), reason);
      ObjectNode entry = Json.object();
      entry.put("file", where.file());
      entry.put("line", where.line());
      entry.put("reason", reason);
      try {
        quarantine.write(Json.write(entry));
        quarantine.write('\n');
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private void countFileRecord(String file) {
    fileRecords.computeIfAbsent(file, k -> new long[1])[0]++;
  }

  /**
   * The unit in every requested format: a row as compact JSON once it passed its target's rules, or
   * {@code !reason} when the target cannot express it. Rendering here, while the unit is in memory,
   * spares the export phase from parsing units back.
   */
  private List<String> render(Unit unit) {
    List<String> payloads = new ArrayList<>(exporters.size());
    for (Exporter exporter : exporters) {
      ExportResult result = exporter.export(unit);
      if (result.isRow() && !exporter.validate(result.row()).isEmpty()) {
        result = ExportResult.skip("invalid_row");
      }
      payloads.add(result.isRow() ? Json.write(result.row()) : "!" + result.skipReason());
    }
    return payloads;
  }

  /** A seeded hash of a unit's group: the shuffle key, so a session's units stay together. */
  private long seededHash(String text) {
    long h = 0xCBF29CE484222325L ^ mix(config.seed());
    for (int i = 0; i < text.length(); i++) {
      h ^= text.charAt(i);
      h *= 0x100000001B3L;
    }
    return mix(h);
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  private static String groupOf(Unit unit) {
    return unit.session() != null ? "s:" + unit.session() : "u:" + unit.id();
  }

  private final Map<String, Long> unitsByType = new TreeMap<>();
  private final Map<String, Long> splitCounts = new LinkedHashMap<>();

  /** Phase 3: order, limit, split and write every format. Returns the report's exports object. */
  private ObjectNode export(Spill spill, Path tmp, BitSet emittedRecords) throws IOException {
    long total = config.limit() == null ? spill.count() : Math.min(spill.count(), config.limit());
    Splitter splitter = new Splitter(config.splitNames(), config.splitRatio(), total);
    for (UnitType t : UnitType.values()) {
      unitsByType.put(t.label(), 0L);
    }
    for (String s : config.splitNames()) {
      splitCounts.put(s, 0L);
    }
    Writers writers = new Writers(tmp.resolve("sft"), exporters, config.splitNames());
    UnitType[] types = UnitType.values();
    listener.phaseStarted("export", total);
    long[] written = {0};
    try (writers) {
      spill.replay(exporters.size(), entry -> {
        if (written[0] >= total) {
          return;
        }
        written[0]++;
        String split = splitter.next(entry.group());
        emittedRecords.set(Math.toIntExact(entry.record()));
        unitsByType.merge(types[entry.type()].label(), 1L, Long::sum);
        splitCounts.merge(split, 1L, Long::sum);
        for (int i = 0; i < exporters.size(); i++) {
          writers.write(exporters.get(i).name(), split, entry.payloads()[i]);
        }
        listener.advanced(1);
      });
    }
    listener.phaseFinished("export");
    return writers.finish();
  }

  private ObjectNode report(ObjectNode exports) {
    ObjectNode r = Json.object();
    ObjectNode about = r.putObject("tracemill");
    about.put("version", VERSION);
    about.put("report_schema", 1);
    r.set("config", configJson());
    ArrayNode inputs = r.putArray("inputs");
    fileFormats.forEach((file, format) -> {
      ObjectNode i = inputs.addObject();
      i.put("path", file);
      i.put("format", format);
      long[] n = fileRecords.get(file);
      i.put("records", n == null ? 0 : n[0]);
    });
    r.set("records", ledger.toJson());
    ObjectNode units = r.putObject("units");
    unitsByType.forEach(units::put);
    ObjectNode splits = r.putObject("splits");
    splitCounts.forEach(splits::put);
    r.set("exports", exports);
    ObjectNode q = r.putObject("quarantine");
    q.put("file", "quarantine.jsonl");
    q.put("count", ledger.quarantined());
    q.set("reasons", ledger.quarantineReasonsJson());
    ArrayNode outputs = r.putArray("outputs");
    exports.fields().forEachRemaining(e -> e.getValue().path("files").forEach(f ->
        outputs.add("sft/" + e.getKey() + "/" + f.asText())));
    outputs.add("quarantine.jsonl");
    outputs.add("report.json");
    return r;
  }

  private ObjectNode configJson() {
    ObjectNode c = Json.object();
    ArrayNode in = c.putArray("in");
    config.inputs().forEach(in::add);
    c.put("input_format", config.inputFormat() == null ? "auto" : config.inputFormat());
    ArrayNode formats = c.putArray("format");
    config.formats().forEach(formats::add);
    c.put("success_only", config.successOnly());
    if (config.minLength() != null) {
      c.put("min_length", config.minLength());
    }
    if (config.maxLength() != null) {
      c.put("max_length", config.maxLength());
    }
    if (config.limit() != null) {
      c.put("limit", config.limit());
    }
    c.put("dedup", config.dedup());
    c.put("dedup_field", config.dedupField().name().toLowerCase(java.util.Locale.ROOT));
    c.put("collapse", config.collapse());
    c.put("shuffle", config.shuffle());
    c.put("seed", config.seed());
    if (config.splitRatio() != null) {
      ArrayNode ratio = c.putArray("split_ratio");
      config.splitRatio().forEach(ratio::add);
    }
    c.put("strict", config.strict());
    c.put("max_record_bytes", config.maxRecordBytes());
    return c;
  }

  /** Moves finished files from {@code tmp} into {@code out}, replacing what an earlier run wrote. */
  private static void promote(Path tmp, Path out, ObjectNode report) throws IOException {
    Files.writeString(tmp.resolve("report.json"), Json.MAPPER.writerWithDefaultPrettyPrinter()
        .writeValueAsString(report) + "\n", StandardCharsets.UTF_8);
    Path sft = out.resolve("sft");
    if (Files.isDirectory(sft)) {
      try (var formats = Files.list(sft)) {
        for (Path dir : formats.filter(Files::isDirectory).toList()) {
          for (String stale : List.of("train.jsonl", "val.jsonl", "test.jsonl", "dataset_info.json")) {
            Files.deleteIfExists(dir.resolve(stale));
          }
        }
      }
    }
    List<String> files = new ArrayList<>();
    report.path("outputs").forEach(p -> files.add(p.asText()));
    for (String rel : files) {
      Path from = tmp.resolve(rel);
      Path to = out.resolve(rel);
      Files.createDirectories(to.getParent());
      try {
        Files.move(from, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
            java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      } catch (java.nio.file.AtomicMoveNotSupportedException e) {
        Files.move(from, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** The reason's first words, before any detail: the key of report.json's quarantine reasons. */
  static String category(String reason) {
    int colon = reason.indexOf(':');
    String head = colon < 0 ? reason : reason.substring(0, colon);
    int paren = head.indexOf(" (");
    head = paren < 0 ? head : head.substring(0, paren);
    int at = head.indexOf(" at column");
    return (at < 0 ? head : head.substring(0, at)).strip();
  }

  /** Raised from inside a reader's callback to stop a strict run at the first bad record. */
  private static final class StrictStop extends RuntimeException {
    final String where;
    final String reason;

    StrictStop(String where, String reason) {
      super(null, null, false, false);
      this.where = where;
      this.reason = reason;
    }
  }
}
