package dev.tracemill.pipeline;

import static java.util.Objects.requireNonNull;

import dev.tracemill.curate.ExactDedup;
import dev.tracemill.curate.TagConfig;
import dev.tracemill.export.Exporters;
import dev.tracemill.ingest.Formats;
import dev.tracemill.ingest.ReadOptions;
import dev.tracemill.privacy.Detector;
import dev.tracemill.privacy.PiiKey;
import dev.tracemill.privacy.PrivacyOptions;
import dev.tracemill.privacy.RedactionStyle;
import dev.tracemill.privacy.TermDictionary;
import dev.tracemill.report.Coverage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything one run needs, validated. Build with {@link #builder()}; every setter's default is the
 * documented CLI default. A {@code null} optional (min/max length, limit, input format, split ratio)
 * means "not set".
 */
public record RunConfig(
    List<String> inputs,
    Path out,
    String inputFormat,
    List<String> formats,
    boolean successOnly,
    Integer minLength,
    Integer maxLength,
    Long limit,
    boolean dedup,
    ExactDedup.Field dedupField,
    boolean collapse,
    boolean shuffle,
    long seed,
    List<Double> splitRatio,
    boolean strict,
    int maxRecordBytes,
    boolean pii,
    RedactionStyle piiStyle,
    String piiRegion,
    PiiKey piiKey,
    int auditSample,
    TagConfig tags,
    Coverage coverage,
    boolean dropInvalidToolCalls,
    dev.tracemill.ingest.CustomMapping customMapping,
    List<TermDictionary> piiDictionaries,
    Path nerModel,
    List<Detector> extraDetectors) {

  /** Split names in the order ratios are given. */
  public static final List<String> SPLIT_NAMES = List.of("train", "val", "test");

  public RunConfig {
    inputs = List.copyOf(requireNonNull(inputs, "inputs is null"));
    requireNonNull(out, "out is null");
    formats = List.copyOf(requireNonNull(formats, "formats is null"));
    requireNonNull(dedupField, "dedupField is null. Use ExactDedup.Field.PROMPT or FULL.");
    splitRatio = splitRatio == null ? null : List.copyOf(splitRatio);
    requireNonNull(piiStyle, "piiStyle is null. Use RedactionStyle.SURROGATE, TAG or MASK.");
    requireNonNull(piiRegion, "piiRegion is null");
    tags = tags == null ? TagConfig.DEFAULTS : tags;
    coverage = coverage == null ? Coverage.NONE : coverage;
    piiDictionaries = piiDictionaries == null ? List.of() : List.copyOf(piiDictionaries);
    extraDetectors = extraDetectors == null ? List.of() : List.copyOf(extraDetectors);
  }

  /** The split names this run writes: {@code [train]} without a split ratio. */
  public List<String> splitNames() {
    return splitRatio == null ? List.of("train") : SPLIT_NAMES.subList(0, splitRatio.size());
  }

  public ReadOptions readOptions() {
    return new ReadOptions(maxRecordBytes);
  }

  /** The reader every input file goes through, or null for per-file detection. */
  public dev.tracemill.ingest.LogFormat inputReader() {
    if (inputFormat == null) {
      return null;
    }
    return "custom".equals(inputFormat) ? new dev.tracemill.ingest.CustomFormat(customMapping)
        : Formats.byName(inputFormat).orElseThrow();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A validating builder: each setter checks its value, {@link #build()} checks combinations. */
  public static final class Builder {
    private final List<String> inputs = new ArrayList<>();
    private Path out;
    private String inputFormat;
    private List<String> formats = List.of("trl");
    private boolean successOnly = true;
    private Integer minLength;
    private Integer maxLength;
    private Long limit;
    private boolean dedup = true;
    private ExactDedup.Field dedupField = ExactDedup.Field.PROMPT;
    private boolean collapse = true;
    private boolean shuffle = true;
    private long seed = 42;
    private List<Double> splitRatio;
    private boolean strict;
    private int maxRecordBytes = ReadOptions.DEFAULT_MAX_RECORD_BYTES;
    private boolean pii = true;
    private RedactionStyle piiStyle = RedactionStyle.SURROGATE;
    private String piiRegion = "US";
    private PiiKey piiKey;
    private int auditSample;
    private TagConfig tags = TagConfig.DEFAULTS;
    private Coverage coverage = Coverage.NONE;
    private boolean dropInvalidToolCalls;
    private dev.tracemill.ingest.CustomMapping customMapping;
    private List<TermDictionary> piiDictionaries = List.of();
    private Path nerModel;
    private List<Detector> extraDetectors = List.of();

    private Builder() {}

    /** The config file's {@code input} section: sets the input format and, for custom, its mapping. */
    public Builder inputMapping(dev.tracemill.ingest.CustomMapping mapping) {
      requireNonNull(mapping, "mapping is null");
      inputFormat(mapping.format());
      this.customMapping = mapping.isCustom() ? mapping : null;
      return this;
    }

    public Builder input(String path) {
      requireNonNull(path, "input path is null");
      if (path.isBlank()) {
        throw new IllegalArgumentException("an input path is empty. Pass a file, a directory, or - for stdin.");
      }
      inputs.add(path);
      return this;
    }

    public Builder inputs(List<String> paths) {
      paths.forEach(this::input);
      return this;
    }

    public Builder out(Path dir) {
      requireNonNull(dir, "out is null");
      if (dir.toString().isBlank()) {
        throw new IllegalArgumentException("the output directory is empty. Pass --out DIR.");
      }
      this.out = dir;
      return this;
    }

    /** A reader name, or null for per-file auto-detection. */
    public Builder inputFormat(String name) {
      if (name != null && Formats.byName(name).isEmpty()) {
        throw new IllegalArgumentException("unknown input format '" + name + "'. Known formats: "
            + String.join(", ", Formats.names()) + " (or leave it unset to auto-detect)");
      }
      this.inputFormat = name;
      return this;
    }

    public Builder formats(List<String> names) {
      requireNonNull(names, "formats is null");
      if (names.isEmpty()) {
        throw new IllegalArgumentException("at least one export format is needed. Known formats: "
            + String.join(", ", Exporters.names()));
      }
      List<String> unique = new ArrayList<>();
      for (String name : names) {
        String n = name.strip();
        if (Exporters.byName(n).isEmpty()) {
          throw new IllegalArgumentException("unknown export format '" + n + "'. Known formats: "
              + String.join(", ", Exporters.names()));
        }
        if (!unique.contains(n)) {
          unique.add(n);
        }
      }
      this.formats = unique;
      return this;
    }

    public Builder successOnly(boolean value) {
      this.successOnly = value;
      return this;
    }

    public Builder minLength(Integer chars) {
      if (chars != null && chars < 0) {
        throw new IllegalArgumentException("min-length must be >= 0, got " + chars);
      }
      this.minLength = chars;
      return this;
    }

    public Builder maxLength(Integer chars) {
      if (chars != null && chars < 1) {
        throw new IllegalArgumentException("max-length must be >= 1, got " + chars);
      }
      this.maxLength = chars;
      return this;
    }

    public Builder limit(Long units) {
      if (units != null && units < 1) {
        throw new IllegalArgumentException("limit must be >= 1, got " + units + " (leave it unset for no limit)");
      }
      this.limit = units;
      return this;
    }

    public Builder dedup(boolean value) {
      this.dedup = value;
      return this;
    }

    public Builder dedupField(ExactDedup.Field field) {
      this.dedupField = requireNonNull(field, "dedupField is null. Use ExactDedup.Field.PROMPT or FULL.");
      return this;
    }

    public Builder collapse(boolean value) {
      this.collapse = value;
      return this;
    }

    public Builder shuffle(boolean value) {
      this.shuffle = value;
      return this;
    }

    public Builder seed(long value) {
      this.seed = value;
      return this;
    }

    /** One to three ratios (train, val, test) that sum to 1; null for a single train file. */
    public Builder splitRatio(List<Double> ratios) {
      if (ratios != null) {
        if (ratios.isEmpty() || ratios.size() > 3) {
          throw new IllegalArgumentException("split-ratio takes 1 to 3 numbers (train,val,test), got "
              + ratios.size());
        }
        double sum = 0;
        for (Double r : ratios) {
          if (r == null || r.isNaN() || r < 0 || r > 1) {
            throw new IllegalArgumentException("split-ratio values must be between 0 and 1, got " + ratios);
          }
          sum += r;
        }
        if (Math.abs(sum - 1.0) > 1e-6) {
          throw new IllegalArgumentException("split-ratio values must sum to 1, got " + ratios
              + " (sum " + sum + ")");
        }
      }
      this.splitRatio = ratios;
      return this;
    }

    public Builder strict(boolean value) {
      this.strict = value;
      return this;
    }

    public Builder maxRecordBytes(int bytes) {
      if (bytes < 1024) {
        throw new IllegalArgumentException("max-record-bytes must be at least 1024, got " + bytes);
      }
      this.maxRecordBytes = bytes;
      return this;
    }

    /** Whether the privacy stage runs (on by default; the report records it when it is off). */
    public Builder pii(boolean value) {
      this.pii = value;
      return this;
    }

    public Builder piiStyle(RedactionStyle style) {
      this.piiStyle = requireNonNull(style, "piiStyle is null. Use RedactionStyle.SURROGATE, TAG or MASK.");
      return this;
    }

    /** The country whose national phone formats are assumed (ISO 3166-1 alpha-2, e.g. US, GB, DE). */
    public Builder piiRegion(String region) {
      requireNonNull(region, "piiRegion is null");
      this.piiRegion = new PrivacyOptions(region.strip().toUpperCase(java.util.Locale.ROOT)).region();
      return this;
    }

    /** The corpus key for consistent surrogates across units; null for consistency within a unit. */
    public Builder piiKey(PiiKey key) {
      this.piiKey = key;
      return this;
    }

    /**
     * How many units with findings to write, original beside redacted, to a clearly named sensitive
     * file for human review of misses; 0 (the default) writes none.
     */
    public Builder auditSample(int units) {
      if (units < 0) {
        throw new IllegalArgumentException("audit-sample must be >= 0, got " + units);
      }
      this.auditSample = units;
      return this;
    }

    /** How units are tagged (task and domain rules, complexity thresholds, language detection). */
    public Builder tags(TagConfig value) {
      this.tags = requireNonNull(value, "tags is null. Use TagConfig.DEFAULTS.");
      return this;
    }

    /** Targets for the dataset's mix, reported in report.json's coverage section. */
    public Builder coverage(Coverage value) {
      this.coverage = requireNonNull(value, "coverage is null. Use Coverage.NONE.");
      return this;
    }

    /**
     * Whether units with a call to an undeclared tool or with arguments their tool's schema rejects
     * are dropped ({@code --invalid-tool-calls drop}) or kept and tagged (keep, the default: a
     * recovery trajectory starts with a bad call).
     */
    public Builder dropInvalidToolCalls(boolean value) {
      this.dropInvalidToolCalls = value;
      return this;
    }

    /**
     * Organisation dictionaries ({@code --pii-dictionary TYPE=FILE}), already loaded; replaces any set
     * before. Their terms are replaced like detected personal data, under their own type.
     */
    public Builder piiDictionaries(List<TermDictionary> dictionaries) {
      this.piiDictionaries = List.copyOf(requireNonNull(dictionaries, "piiDictionaries is null. Use List.of()."));
      return this;
    }

    /**
     * The folder of an ONNX token-classification model ({@code --ner-model}); null for none. Core only
     * records it (report.json keeps the folder's name): the caller that can load ONNX (the CLI, through
     * the tracemill-ner module) loads it and passes the detector to {@link #extraDetectors}.
     */
    public Builder nerModel(Path dir) {
      this.nerModel = dir;
      return this;
    }

    /** Detectors that run after the built-in ones ({@link dev.tracemill.privacy.DetectorSet#with}). */
    public Builder extraDetectors(List<Detector> detectors) {
      this.extraDetectors = List.copyOf(requireNonNull(detectors, "detectors is null. Use List.of()."));
      return this;
    }

    public RunConfig build() {
      if (inputs.isEmpty()) {
        throw new IllegalStateException("no input given. Pass --in PATH (a file, a directory, or - for stdin).");
      }
      if (out == null) {
        throw new IllegalStateException("no output directory given. Pass --out DIR.");
      }
      if (minLength != null && maxLength != null && minLength > maxLength) {
        throw new IllegalStateException("min-length " + minLength + " is greater than max-length "
            + maxLength + ". Lower min-length or raise max-length.");
      }
      if (!piiDictionaries.isEmpty() && !pii) {
        throw new IllegalStateException("pii-dictionary needs the privacy stage; drop --pii off or --pii-dictionary.");
      }
      if (nerModel != null && !pii) {
        throw new IllegalStateException("ner-model needs the privacy stage; drop --pii off or --ner-model.");
      }
      if (auditSample > 0 && !pii) {
        throw new IllegalStateException("audit-sample needs the privacy stage; drop --pii off or --audit-sample.");
      }
      if (inputs.stream().filter("-"::equals).count() > 1) {
        throw new IllegalStateException("stdin (-) was given more than once as an input");
      }
      if ("custom".equals(inputFormat) && customMapping == null) {
        throw new IllegalStateException("input format custom needs a mapping: an input section in the config"
            + " file with format: custom and messages: /pointer (see docs/input-formats.md)");
      }
      return new RunConfig(inputs, out, inputFormat, formats, successOnly, minLength, maxLength, limit,
          dedup, dedupField, collapse, shuffle, seed, splitRatio, strict, maxRecordBytes, pii, piiStyle,
          piiRegion, piiKey, auditSample, tags, coverage, dropInvalidToolCalls,
          "custom".equals(inputFormat) ? customMapping : null,
          piiDictionaries, nerModel, extraDetectors);
    }
  }
}
