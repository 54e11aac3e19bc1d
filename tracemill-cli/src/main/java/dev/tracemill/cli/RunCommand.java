package dev.tracemill.cli;

import dev.tracemill.curate.ExactDedup;
import dev.tracemill.privacy.PiiKey;
import dev.tracemill.privacy.RedactionStyle;
import dev.tracemill.export.Exporters;
import dev.tracemill.ingest.Formats;
import dev.tracemill.pipeline.ConfigFile;
import dev.tracemill.pipeline.RunConfig;
import dev.tracemill.pipeline.RunFailedException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * {@code tracemill run}: options map 1:1 onto {@link RunConfig.Builder}. Every option field stays null
 * unless given, so the layering is explicit: builder defaults, then the {@code --config} file, then the
 * options given on the command line. The defaults shown in the help are the builder's.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description = {
        "Reads LLM logs and writes training files under the output folder.",
        "Options may also come from a YAML file (--config); options given here win over it."},
    footer = ExitCodes.FOOTER)
final class RunCommand implements Callable<Integer> {
  private final CliContext context;

  @Spec CommandSpec spec;

  @Option(names = "--in", arity = "1..*", paramLabel = "PATH",
      description = "Input log file or folder of logs; - reads stdin. Repeatable, several paths per --in.")
  List<String> inputs;

  @Option(names = "--out", paramLabel = "DIR", description = "Output folder.")
  Path out;

  @Option(names = "--config", paramLabel = "FILE",
      description = "YAML file whose keys are these option names without dashes "
          + "(in, out, format, split-ratio, ...).")
  Path config;

  @Option(names = "--input-format", paramLabel = "NAME", completionCandidates = InputFormatNames.class,
      description = "Reader for every input: auto or one of: ${COMPLETION-CANDIDATES}. Default: auto "
          + "(detected per file).")
  String inputFormat;

  @Option(names = "--format", split = ",", paramLabel = "NAME", completionCandidates = ExportFormatNames.class,
      description = "Export formats, comma-separated, from: ${COMPLETION-CANDIDATES}. Default: trl.")
  List<String> formats;

  @Option(names = "--success-only", negatable = true,
      description = "Keep only units whose outcome is a success. Default: on.")
  Boolean successOnly;

  @Option(names = "--min-length", paramLabel = "CHARS",
      description = "Drop units whose final response is shorter than this. Default: none.")
  Integer minLength;

  @Option(names = "--max-length", paramLabel = "CHARS",
      description = "Drop units whose final response is longer than this. Default: none.")
  Integer maxLength;

  @Option(names = "--limit", paramLabel = "N", description = "Keep at most N units. Default: no limit.")
  Long limit;

  @Option(names = "--dedup", negatable = true,
      description = "Drop exact duplicates (see --dedup-field). Default: on.")
  Boolean dedup;

  @Option(names = "--dedup-field", paramLabel = "FIELD", converter = DedupFieldConverter.class,
      description = "What duplicates compare: prompt (everything before the final answer) or full "
          + "(the whole conversation). Default: prompt.")
  ExactDedup.Field dedupField;

  @Option(names = "--collapse", negatable = true,
      description = "Merge calls that are prefixes of a later call of the same conversation. Default: on.")
  Boolean collapse;

  @Option(names = "--shuffle", negatable = true,
      description = "Shuffle units (seeded) before splitting. Default: on.")
  Boolean shuffle;

  @Option(names = "--seed", paramLabel = "N", description = "Seed for shuffling and splitting. Default: 42.")
  Long seed;

  @Option(names = "--split-ratio", split = ",", paramLabel = "RATIO",
      description = "1 to 3 ratios train,val,test that sum to 1, e.g. 0.8,0.1,0.1. "
          + "Default: none (one train file).")
  List<Double> splitRatio;

  @Option(names = "--strict",
      description = "Fail on the first bad record instead of quarantining it. Default: off.")
  Boolean strict;

  @Option(names = "--max-record-bytes", paramLabel = "BYTES",
      description = "Records longer than this are quarantined unread (minimum 1024). "
          + "Default: 8388608 (8 MiB).")
  Integer maxRecordBytes;

  @Option(names = "--pii", paramLabel = "on|off", arity = "1", converter = OnOffConverter.class,
      description = "Detect and replace personal data and secrets before export. Default: on; off is "
          + "recorded in report.json.")
  Boolean pii;

  @Option(names = "--pii-style", paramLabel = "STYLE", converter = PiiStyleConverter.class,
      description = "How detected values are written: surrogate (realistic fake values), tag "
          + "(<PERSON_1>) or mask ([REDACTED]). Default: surrogate.")
  RedactionStyle piiStyle;

  @Option(names = "--pii-region", paramLabel = "CC",
      description = "Country whose national phone formats are assumed (ISO 3166-1, e.g. US, GB). "
          + "Default: US. The corpus key for consistent surrogates comes from TRACEMILL_PII_KEY.")
  String piiRegion;

  @Option(names = "--pii-dictionary", paramLabel = "TYPE=FILE",
      description = "Organisation dictionary: replace every term of FILE (one per line, # comments; or a "
          + ".csv/.tsv with a 'term' column) as type TYPE (e.g. CUSTOMER=customers.txt), matched "
          + "case-insensitively on word boundaries. Repeatable. Default: none.")
  List<String> piiDictionaries;

  @Option(names = "--audit-sample", paramLabel = "N",
      description = "Write N sampled units with findings, original beside redacted, to "
          + "audit-sample.SENSITIVE.jsonl for a person to review misses. The file holds the original "
          + "personal data: keep it private. Default: 0 (none).")
  Integer auditSample;

  @Option(names = "--invalid-tool-calls", paramLabel = "drop|keep", converter = DropKeepConverter.class,
      description = "What to do with units whose tool calls name an undeclared tool or carry arguments "
          + "their tool's JSON Schema rejects: keep them, tagged in the meta sidecar, or drop them "
          + "(reason invalid_tool_call). Default: keep.")
  String invalidToolCalls;

  @Option(names = "--ner-model", paramLabel = "DIR",
      description = "Also find people, places and organisations with an ONNX token-classification model: "
          + "a folder with model.onnx, tokenizer.json and config.json (optimum-cli export onnx --task "
          + "token-classification). Nothing is downloaded. Default: none.")
  Path nerModel;

  @Option(names = {"-q", "--quiet"},
      description = "Print nothing on success (no progress bar, no summary); errors still go to stderr.")
  boolean quiet;

  RunCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws RunFailedException {
    return RunExecutor.execute(context, buildConfig(), quiet, spec.commandLine().getOut(),
        spec.commandLine().getErr());
  }

  /** Builder defaults, then the config file's keys not given here, then the options given here. */
  RunConfig buildConfig() {
    ConfigFile file = loadConfig();
    RunConfig.Builder b = RunConfig.builder();
    try {
      if (file != null) {
        file.without(explicitKeys()).applyTo(b);
      }
      applyOptions(b);
      RunConfig built = b.build();
      if (built.nerModel() != null) {
        built = b.extraDetectors(List.of(NerModels.load(built.nerModel(), spec.commandLine()))).build();
      }
      return built;
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
  }

  private ConfigFile loadConfig() {
    if (config == null) {
      return null;
    }
    try {
      return ConfigFile.load(config);
    } catch (IOException e) {
      throw new ParameterException(spec.commandLine(), "cannot read config file " + config + " ("
          + e.getClass().getSimpleName() + ")", e);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
  }

  /** The config keys whose option was given on the command line (either form of a negatable one). */
  private List<String> explicitKeys() {
    ParseResult parsed = spec.commandLine().getParseResult();
    List<String> keys = new ArrayList<>();
    for (String key : ConfigFile.KEYS) {
      if (parsed.hasMatchedOption("--" + key)) {
        keys.add(key);
      }
    }
    return keys;
  }

  private void applyOptions(RunConfig.Builder b) {
    if (inputs != null) {
      b.inputs(inputs);
    }
    if (out != null) {
      b.out(out);
    }
    if (inputFormat != null) {
      b.inputFormat(inputFormat.strip().equalsIgnoreCase("auto") ? null : inputFormat.strip());
    }
    if (formats != null) {
      b.formats(formats);
    }
    if (successOnly != null) {
      b.successOnly(successOnly);
    }
    if (minLength != null) {
      b.minLength(minLength);
    }
    if (maxLength != null) {
      b.maxLength(maxLength);
    }
    if (limit != null) {
      b.limit(limit);
    }
    if (dedup != null) {
      b.dedup(dedup);
    }
    if (dedupField != null) {
      b.dedupField(dedupField);
    }
    if (collapse != null) {
      b.collapse(collapse);
    }
    if (shuffle != null) {
      b.shuffle(shuffle);
    }
    if (seed != null) {
      b.seed(seed);
    }
    if (splitRatio != null) {
      b.splitRatio(splitRatio);
    }
    if (strict != null) {
      b.strict(strict);
    }
    if (maxRecordBytes != null) {
      b.maxRecordBytes(maxRecordBytes);
    }
    if (pii != null) {
      b.pii(pii);
    }
    if (piiStyle != null) {
      b.piiStyle(piiStyle);
    }
    if (piiRegion != null) {
      b.piiRegion(piiRegion);
    }
    if (auditSample != null) {
      b.auditSample(auditSample);
    }
    if (piiDictionaries != null) {
      List<dev.tracemill.privacy.TermDictionary> loaded = new ArrayList<>();
      for (String d : piiDictionaries) {
        try {
          loaded.add(dev.tracemill.privacy.TermDictionary.parseOption(d));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("--pii-dictionary: " + e.getMessage(), e);
        }
      }
      b.piiDictionaries(loaded);
    }
    if (invalidToolCalls != null) {
      b.dropInvalidToolCalls(invalidToolCalls.equals("drop"));
    }
    if (nerModel != null) {
      b.nerModel(nerModel);
    }
    b.piiKey(PiiKey.of(context.env().apply("TRACEMILL_PII_KEY")));
  }

  /** Reader names for the help text, read from the registry when the help is rendered. */
  static final class InputFormatNames implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Formats.names().iterator();
    }
  }

  /** Exporter names for the help text. */
  static final class ExportFormatNames implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Exporters.names().iterator();
    }
  }

  /** Accepts drop / keep in any case, with an error that lists them; gives the lower-case word. */
  static final class DropKeepConverter implements picocli.CommandLine.ITypeConverter<String> {
    @Override
    public String convert(String value) {
      String v = value.strip().toLowerCase(java.util.Locale.ROOT);
      if (v.equals("drop") || v.equals("keep")) {
        return v;
      }
      throw new picocli.CommandLine.TypeConversionException("expected drop or keep, got '" + value + "'");
    }
  }

  /** Accepts on / off (and true / false) in any case, with an error that lists them. */
  static final class OnOffConverter implements picocli.CommandLine.ITypeConverter<Boolean> {
    @Override
    public Boolean convert(String value) {
      switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
        case "on", "true" -> {
          return true;
        }
        case "off", "false" -> {
          return false;
        }
        default -> throw new picocli.CommandLine.TypeConversionException("expected on or off, got '" + value + "'");
      }
    }
  }

  static final class PiiStyleConverter implements picocli.CommandLine.ITypeConverter<RedactionStyle> {
    @Override
    public RedactionStyle convert(String value) {
      for (RedactionStyle s : RedactionStyle.values()) {
        if (s.name().equalsIgnoreCase(value.strip())) {
          return s;
        }
      }
      throw new picocli.CommandLine.TypeConversionException("expected surrogate, tag or mask, got '" + value + "'");
    }
  }

  /** Accepts prompt / full in any case, with an error that lists them. */
  static final class DedupFieldConverter implements picocli.CommandLine.ITypeConverter<ExactDedup.Field> {
    @Override
    public ExactDedup.Field convert(String value) {
      for (ExactDedup.Field f : ExactDedup.Field.values()) {
        if (f.name().equalsIgnoreCase(value.strip())) {
          return f;
        }
      }
      throw new picocli.CommandLine.TypeConversionException(
          "expected prompt or full, got '" + value + "'");
    }
  }
}
