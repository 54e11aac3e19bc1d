package dev.tracemill.pipeline;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tracemill.curate.ExactDedup;
import dev.tracemill.curate.Filters;
import dev.tracemill.curate.Tagger;
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
import dev.tracemill.privacy.DetectorSet;
import dev.tracemill.privacy.LeakGate;
import dev.tracemill.privacy.PrivacyOptions;
import dev.tracemill.privacy.PrivacyStage;
import dev.tracemill.privacy.RedactionPolicy;
import dev.tracemill.report.Ledger;
import dev.tracemill.report.TagCounts;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Wires the stages of one run, in the order data moves:
 *
 * <ol>
 *   <li><b>read</b>: every input is read once; each record is segmented into units; units that pass
 *       the filters are indexed for the prefix collapse ({@link CollapseIndex}), rendered in every
 *       requested format and spilled to disk;
 *   <li><b>decide</b>: the spill's heads are replayed in input order; a unit that a longer call
 *       extends is merged, one whose content was kept earlier in the input is a duplicate;
 *   <li><b>export</b>: the survivors are cut at the limit, assigned to splits and their rows written;
 *       then the report and the quarantine file.
 * </ol>
 *
 * Outputs are written under a temporary folder inside {@code out} and moved into place only when the
 * whole run succeeded, so a failed run leaves the previous outputs untouched.
 */
public final class Pipeline {
  static final String TMP = ".tracemill-tmp";
  static final String VERSION = "0.1.0";
  /** How many sessions keep their last unit in memory for the early collapse (see Reader#hold). */
  static final int HELD_SESSIONS = 1024;

  /**
   * A kept unit not yet spilled (a later call of its session may still extend it), already redacted,
   * with the hashes of its original content: conversation (collapse), content (dedup), group (shuffle).
   */
  private record Held(Unit unit, Tagger.UnitTags tags, long record, long conversation, long content, long group) {}

  private final RunConfig config;
  private final PipelineListener listener;
  private final InputStream stdin;
  private final List<Exporter> exporters;
  /** Null with {@code --pii off}. */
  private final PrivacyStage privacy;
  private final PiiCounts pii = new PiiCounts();
  private final AuditSample audit;
  private final LeakGate gate;
  private final Ledger ledger = new Ledger();
  private final Tagger tagger;
  private final TagCounts tagCounts = new TagCounts();
  private final Map<String, long[]> fileRecords = new LinkedHashMap<>();
  private final Map<String, String> fileFormats = new LinkedHashMap<>();
  private final Map<InputFile, String> unreadable = new LinkedHashMap<>();

  private Pipeline(RunConfig config, PipelineListener listener, InputStream stdin) {
    this.config = config;
    this.exporters = config.formats().stream().map(n -> Exporters.byName(n).orElseThrow()).toList();
    this.audit = new AuditSample(config.auditSample(), config.seed());
    this.tagger = new Tagger(config.tags());
    this.gate = new LeakGate(config.piiDictionaries());
    this.privacy = config.pii()
        ? new PrivacyStage(
            DetectorSet.defaults(new PrivacyOptions(config.piiRegion(), config.piiDictionaries()))
                .with(config.extraDetectors()),
            RedactionPolicy.defaults().withStyle(config.piiStyle()),
            config.piiKey() == null ? null : config.piiKey().bytes(), true)
        : null;
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
      throw new RunFailedException("cannot write to output directory '" + out + "': " + describe(e)
          + ". Choose another --out or fix its permissions.", e);
    }
    try {
      Map<InputFile, LogFormat> formats = detectFormats(Inputs.expand(config.inputs(), stdin, tmp, out));
      ObjectNode report = process(new ArrayList<>(formats.keySet()), formats, tmp);
      promote(tmp, out, report);
      return new RunResult(report, out.resolve("report.json"));
    } catch (Inputs.UnreadableInputException e) {
      throw new RunFailedException(e.getMessage(), e);
    } catch (LeakDetected e) {
      List<LeakGate.Residual> r = e.residuals;
      throw new RunFailedException("leak gate: " + r.size() + " value(s) that the privacy stage replaced, or "
          + "secrets, still appear in the training files, first at " + r.subList(0, Math.min(5, r.size()))
          + "; nothing was written. Inspect those records in a private folder (--audit-sample helps) and "
          + "report the miss.");
    } catch (StrictStop e) {
      throw new RunFailedException("strict mode: bad record at " + e.where + ": " + e.reason
          + " (run without --strict to quarantine it and go on)");
    } catch (IOException e) {
      throw new RunFailedException("I/O error: " + describe(e), e);
    } catch (UncheckedIOException e) {
      throw new RunFailedException("I/O error: " + describe(e.getCause()), e);
    } finally {
      try {
        deleteTree(tmp);
      } catch (IOException ignored) {
        // Best effort: a leftover temporary folder is removed by the next run.
      }
    }
  }

  private Map<InputFile, LogFormat> detectFormats(List<InputFile> files) {
    Map<InputFile, LogFormat> formats = new LinkedHashMap<>();
    for (InputFile f : files) {
      try {
        if (Formats.isBlank(f)) {
          fileFormats.put(f.name(), "empty");
          continue;
        }
        LogFormat format = config.inputFormat() != null
            ? config.inputReader()
            : Formats.detect(f, config.readOptions()).orElse(null);
        formats.put(f, format);
        fileFormats.put(f.name(), format == null ? "unknown" : format.name());
      } catch (IOException e) {
        // A corrupt or truncated compressed file: one quarantined record, and the run goes on.
        unreadable.put(f, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        formats.put(f, null);
        fileFormats.put(f.name(), "unreadable");
      }
    }
    return formats;
  }

  private ObjectNode process(List<InputFile> files, Map<InputFile, LogFormat> formats, Path tmp)
      throws IOException {
    List<UnitFilter> filters = Filters.chain(config.successOnly(), config.minLength(), config.maxLength());
    CollapseIndex index = config.collapse() ? new CollapseIndex() : null;
    ExactDedup dedup = config.dedup() ? new ExactDedup(config.dedupField()) : null;
    Path quarantineFile = tmp.resolve("quarantine.jsonl");
    try (Spill spill = new Spill(tmp.resolve("spill"), config.shuffle());
         BufferedWriter quarantine = Files.newBufferedWriter(quarantineFile, StandardCharsets.UTF_8)) {
      Reader reader = new Reader(filters, index, dedup, spill, quarantine);
      listener.phaseStarted("read", -1);
      for (InputFile f : files) {
        readFile(f, formats.get(f), reader);
      }
      reader.flush();
      listener.phaseFinished("read");
      RecordStates states = reader.states;
      long survivors = decide(spill, index, dedup, states);
      ObjectNode exports = export(spill, tmp, survivors, states);
      try (BufferedWriter dropped = Files.newBufferedWriter(tmp.resolve("dropped.jsonl"), StandardCharsets.UTF_8)) {
        states.settle(ledger, dropped);
      }
      ledger.check();
      if (privacy != null) {
        checkForLeaks(tmp, exports);
      }
      int audited = audit.enabled() ? audit.write(tmp.resolve(AuditSample.FILE)) : -1;
      return report(exports, audited);
    }
  }

  private void readFile(InputFile f, LogFormat format, Reader reader) throws IOException {
    if (unreadable.containsKey(f)) {
      reader.quarantine(new SourceRef(f.name(), 0), "cannot read the file: " + unreadable.get(f)
          + " (a truncated or corrupt compressed file? check it with gzip -t or zstd -t)");
      return;
    }
    if (format == null) {
      reader.quarantine(new SourceRef(f.name(), 0), "unrecognised log format: no reader claims this file"
          + " (pass --input-format to choose one; see 'tracemill formats')");
      return;
    }
    reader.lastLine = 0;
    try {
      format.read(f, config.readOptions(), reader);
    } catch (IOException e) {
      reader.quarantine(new SourceRef(f.name(), reader.lastLine + 1),
          "cannot read the rest of the file: " + e.getMessage()
          + " (a truncated or corrupt compressed file? check it with gzip -t or zstd -t)");
    }
  }

  /**
   * The read phase's sink. A record that cannot be read is quarantined; a record none of whose units
   * passes the filters is filtered with the first reason; the units that pass are indexed for the
   * prefix collapse, rendered in every format and spilled, and their record's fate is decided once all
   * input is read.
   */
  private final class Reader implements RecordSink {
    private final List<UnitFilter> filters;
    private final CollapseIndex index;
    private final ExactDedup dedup;
    private final Spill spill;
    private final BufferedWriter quarantine;
    final RecordStates states = new RecordStates();
    /** The last kept unit of each recent session, in access order; the eldest is settled when full. */
    private final Map<String, Held> held = new LinkedHashMap<>(256, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Held> eldest) {
        if (size() > HELD_SESSIONS) {
          settle(eldest.getValue());
          return true;
        }
        return false;
      }
    };
    long lastLine;
    long records;

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
      states.read(record, call.source().file(), call.source().line());
      countFileRecord(call.source().file());
      listener.advanced(1);
      boolean kept = false;
      String reason = null;
      for (Unit unit : Segmenter.units(call)) {
        String rejected = Filters.firstRejection(filters, unit);
        Unit clean = unit;
        Tagger.UnitTags tags = null;
        if (rejected == null) {
          // Tags read the original: redaction changes no shape, and domain rules may name real terms.
          tags = tagger.tag(unit);
          if (config.dropInvalidToolCalls() && tags.tools().anyBad()) {
            rejected = Filters.INVALID_TOOL_CALL;
          }
        }
        if (rejected == null && privacy != null) {
          PrivacyStage.Outcome redacted = privacy.apply(unit);
          pii.add(redacted);
          gate.remember(redacted.replaced());
          gate.rememberNames(unit.id(), redacted.swept());
          if (redacted.dropped()) {
            rejected = redacted.dropReason();
          } else {
            clean = redacted.unit();
            if (clean != unit) {
              audit.offer(unit, clean);
              tags = tags.withToolNamesOf(clean);
            }
          }
        }
        if (rejected != null) {
          reason = reason == null ? rejected : reason;
          continue;
        }
        if (!kept) {
          states.pending(record);
          kept = true;
        }
        // Collapse, dedup and grouping compare what the log said, so they are computed on the original:
        // surrogates differ from unit to unit unless a corpus key is given.
        long content = dedup == null ? 0 : dedup.hash(unit);
        long conversation = index == null
            ? CollapseIndex.fullHash(unit.events(), unit.session())
            : index.add(unit.events(), unit.session());
        long group = groupHash(unit, conversation);
        if (index == null) {
          spill(new Held(clean, tags, record, conversation, content, group));
        } else {
          hold(new Held(clean, tags, record, conversation, content, group));
        }
      }
      if (!kept) {
        states.filtered(record, reason);
      }
    }

    /**
     * Chat applications log a conversation's calls one after another, so the unit a new call extends
     * is usually the last one held for its session: it is settled here as merged without being
     * rendered or spilled. Whatever is not settled early is spilled and decided after the read, so
     * the result is the same as deciding everything at the end.
     */
    private void hold(Held h) {
      String session = h.unit().session() == null ? "" : h.unit().session();
      Held previous = held.remove(session);
      if (previous != null) {
        settle(previous);
      }
      held.put(session, h);
    }

    private void settle(Held h) {
      if (index.isExtendedElsewhere(h.conversation())) {
        states.raise(h.record(), RecordStates.MERGED);
      } else {
        spill(h);
      }
    }

    /** Settles every unit still held; called once all input is read. */
    void flush() {
      List<Held> rest = new ArrayList<>(held.values());
      held.clear();
      rest.forEach(this::settle);
    }

    private void spill(Held h) {
      Unit unit = h.unit();
      List<String> payloads = render(unit);
      boolean exportable = payloads.stream().anyMatch(p -> !p.startsWith("!"));
      // The sidecar carries the log's metadata as the privacy stage left it; the language is read
      // here, once per unit that reaches the outputs, from the redacted text (surrogates keep the
      // language of what they replace).
      payloads.add(Json.write(tagger.withLanguage(h.tags(), unit).toJson(unit.tags())));
      try {
        spill.write(config.shuffle() ? h.group() : spill.count(), h.record(), unit.type().ordinal(),
            h.group(), h.conversation(), h.content(), exportable, payloads);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void folded(SourceRef where, String reason) {
      long record = records++;
      lastLine = where.line();
      ledger.recordRead();
      states.read(record, where.file(), where.line());
      states.folded(record);
      countFileRecord(where.file());
      listener.advanced(1);
    }

    @Override
    public void quarantine(SourceRef where, String reason) {
      long record = records++;
      lastLine = where.line();
      ledger.recordRead();
      states.read(record, where.file(), where.line());
      states.quarantined(record);
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

  /**
   * Walks the spilled units in input order and decides, now that every conversation is indexed, which
   * are merged into a longer call and which repeat content already kept (the first in the input wins,
   * whatever the shuffle). Returns how many survive; {@code states} marks them by arrival number.
   */
  private long decide(Spill spill, CollapseIndex index, ExactDedup dedup, RecordStates states)
      throws IOException {
    long[] count = {0};
    spill.replayHeadsInArrivalOrder(entry -> {
      if (index != null && index.isExtendedElsewhere(entry.conversation())) {
        states.raise(entry.record(), RecordStates.MERGED);
      } else if (!entry.exportable()) {
        states.notExportable(entry.record(), entry.seq());
      } else if (dedup != null && !dedup.firstSeen(entry.content())) {
        states.raise(entry.record(), RecordStates.DUPLICATE);
      } else {
        states.survivor(entry.seq());
        count[0]++;
      }
    });
    return count[0];
  }

  private void countFileRecord(String file) {
    fileRecords.computeIfAbsent(file, k -> new long[1])[0]++;
  }

  /**
   * The unit in every requested format: a row as compact JSON (each exporter has checked it against
   * its target's rules), or {@code !reason} when the target cannot express it. Rendering here, while the unit is in memory,
   * spares the export phase from parsing units back.
   */
  private List<String> render(Unit unit) {
    List<String> payloads = new ArrayList<>(exporters.size());
    for (Exporter exporter : exporters) {
      ExportResult result = exporter.export(unit);
      payloads.add(result.isRow() ? Json.write(result.row()) : "!" + result.skipReason());
    }
    return payloads;
  }

  /**
   * The seeded hash of a unit's group, which is its shuffle key: the session when the log has one, so
   * a session's units stay together and land in one split; else the unit's content
   * ({@code conversation}, the hash {@link CollapseIndex#fullHash} gives), so that the
   * split of a unit does not depend on how its input path was spelled, and identical conversations
   * (kept with --no-dedup) never straddle train and test.
   */
  private long groupHash(Unit unit, long conversation) {
    long seed = mix(config.seed() ^ 0x9E3779B97F4A7C15L);
    if (unit.session() == null) {
      // Without a session, the conversation hash is the content hash the collapse index computed.
      return mix(seed ^ conversation);
    }
    String session = unit.session();
    long h = 0xCBF29CE484222325L ^ seed;
    for (int i = 0; i < session.length(); i++) {
      h ^= session.charAt(i);
      h *= 0x100000001B3L;
    }
    return mix(h);
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  private final Map<String, Long> unitsByType = new TreeMap<>();
  private final Map<String, Long> splitCounts = new LinkedHashMap<>();

  /** The export phase: cut the survivors at the limit, split them, and route their rows to files. */
  private ObjectNode export(Spill spill, Path tmp, long survivors, RecordStates states) throws IOException {
    long total = config.limit() == null ? survivors : Math.min(survivors, config.limit());
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
    int metaAt = exporters.size();
    try (writers) {
      spill.replay(exporters.size() + 1, entry -> {
        if (!states.isSurvivor(entry.seq())) {
          if (states.isNotExportable(entry.seq())) {
            // No format can express it: its skip reasons still show in every format's counts.
            for (int i = 0; i < exporters.size(); i++) {
              writers.write(exporters.get(i).name(), null, entry.payloads()[i], null);
            }
          }
          return;
        }
        if (written[0] >= total) {
          states.raise(entry.record(), RecordStates.OVER_LIMIT);
          return;
        }
        written[0]++;
        String split = splitter.next(entry.group());
        states.raise(entry.record(), RecordStates.EMITTED);
        unitsByType.merge(types[entry.type()].label(), 1L, Long::sum);
        splitCounts.merge(split, 1L, Long::sum);
        String meta = entry.payloads()[metaAt];
        for (int i = 0; i < exporters.size(); i++) {
          writers.write(exporters.get(i).name(), split, entry.payloads()[i], meta);
        }
        tagCounts.add(Json.tryParse(meta));
        listener.advanced(1);
      });
    }
    listener.phaseFinished("export");
    return writers.finish();
  }

  private ObjectNode report(ObjectNode exports, int audited) {
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
    r.set("tags", tagCounts.toJson());
    r.set("coverage", config.coverage().evaluate(tagCounts));
    ObjectNode piiSection = pii.toJson(config);
    if (audited >= 0) {
      ObjectNode a = piiSection.putObject("audit_sample");
      a.put("file", AuditSample.FILE);
      a.put("units", audited);
      a.put("warning", "holds original personal data beside the redacted text: keep it private");
    }
    r.set("pii", piiSection);
    ObjectNode q = r.putObject("quarantine");
    q.put("file", "quarantine.jsonl");
    q.put("count", ledger.quarantined());
    q.set("reasons", ledger.quarantineReasonsJson());
    ArrayNode outputs = r.putArray("outputs");
    exports.fields().forEachRemaining(e -> e.getValue().path("files").forEach(f ->
        outputs.add("sft/" + e.getKey() + "/" + f.asText())));
    outputs.add("quarantine.jsonl");
    outputs.add("dropped.jsonl");
    if (audited >= 0) {
      outputs.add(AuditSample.FILE);
    }
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
    c.put("pii", config.pii() ? "on" : "off");
    c.put("pii_style", config.piiStyle().name().toLowerCase(java.util.Locale.ROOT));
    c.put("pii_region", config.piiRegion());
    c.put("pii_key", config.piiKey() != null);
    if (!config.piiDictionaries().isEmpty()) {
      ObjectNode dictionaries = c.putObject("pii_dictionaries");
      config.piiDictionaries().forEach(d -> dictionaries.put(d.type(),
          dictionaries.path(d.type()).asInt(0) + d.size()));
    }
    if (config.auditSample() > 0) {
      c.put("audit_sample", config.auditSample());
    }
    c.put("invalid_tool_calls", config.dropInvalidToolCalls() ? "drop" : "keep");
    if (config.nerModel() != null) {
      // The folder's name only: a full path may name a user or a private mount.
      Path ner = config.nerModel().toAbsolutePath().normalize().getFileName();
      c.put("ner_model", ner == null ? "" : ner.toString());
    }
    ObjectNode tags = c.putObject("tags");
    tags.put("task_rules", config.tags().task().size());
    tags.put("domain_rules", config.tags().domain().size());
    tags.put("multi_step_min_steps", config.tags().multiStepMinSteps());
    tags.put("multi_tool_min_tools", config.tags().multiToolMinTools());
    tags.put("language", config.tags().language());
    return c;
  }

  /** Moves finished files from {@code tmp} into {@code out}, replacing what an earlier run wrote. */
  private static void promote(Path tmp, Path out, ObjectNode report) throws IOException {
    Files.writeString(tmp.resolve("report.json"), Json.MAPPER.writerWithDefaultPrettyPrinter()
        .writeValueAsString(report) + "\n", StandardCharsets.UTF_8);
    // A sensitive sample from an earlier run must not outlive a run that did not ask for one.
    Files.deleteIfExists(out.resolve(AuditSample.FILE));
    Path sft = out.resolve("sft");
    if (Files.isDirectory(sft)) {
      try (var formats = Files.list(sft)) {
        for (Path dir : formats.filter(Files::isDirectory).toList()) {
          for (String stale : List.of("train.jsonl", "val.jsonl", "test.jsonl", "train.meta.jsonl",
              "val.meta.jsonl", "test.meta.jsonl", "dataset_info.json")) {
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

  /**
   * The leak gate: every training file is re-scanned for secrets and searched for every value the
   * privacy stage replaced; a residual fails the run before anything is promoted.
   */
  private void checkForLeaks(Path tmp, ObjectNode exports) throws IOException {
    List<String> files = new ArrayList<>();
    exports.fields().forEachRemaining(e -> e.getValue().path("files").forEach(f -> {
      if (f.asText().endsWith(".jsonl")) {
        files.add("sft/" + e.getKey() + "/" + f.asText());
      }
    }));
    List<LeakGate.Residual> residuals = gate.scan(tmp, files);
    pii.leakGate(files.size(), gate.values(), gate.partial(), residuals.size());
    if (!residuals.isEmpty()) {
      throw new LeakDetected(residuals);
    }
  }

  /** An I/O failure in words: what happened to which path, without Java class names. */
  static String describe(IOException e) {
    if (e instanceof java.nio.file.FileSystemException f && f.getFile() != null) {
      String what;
      if (e instanceof java.nio.file.AccessDeniedException) {
        what = "permission denied";
      } else if (e instanceof java.nio.file.FileAlreadyExistsException) {
        what = "a file is in the way (it is not a directory)";
      } else if (e instanceof java.nio.file.NoSuchFileException) {
        what = "no such file or directory";
      } else if (e instanceof java.nio.file.FileSystemLoopException) {
        what = "a symbolic link loops back to a folder above it";
      } else if (e instanceof java.nio.file.NotDirectoryException) {
        what = "not a directory";
      } else {
        what = f.getReason() == null ? "file system error" : f.getReason();
      }
      return f.getFile() + ": " + what;
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
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

  /** The leak gate found residuals; the run fails without promoting anything. */
  private static final class LeakDetected extends RuntimeException {
    final List<LeakGate.Residual> residuals;

    LeakDetected(List<LeakGate.Residual> residuals) {
      super(null, null, false, false);
      this.residuals = residuals;
    }
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
