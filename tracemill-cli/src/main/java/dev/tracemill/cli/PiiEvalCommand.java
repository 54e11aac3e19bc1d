package dev.tracemill.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tracemill.model.Json;
import dev.tracemill.pipeline.RunFailedException;
import dev.tracemill.privacy.Detector;
import dev.tracemill.privacy.DetectorSet;
import dev.tracemill.privacy.EvalReport;
import dev.tracemill.privacy.GoldCorpus;
import dev.tracemill.privacy.GoldCorpusException;
import dev.tracemill.privacy.PiiEvaluator;
import dev.tracemill.privacy.PrivacyOptions;
import dev.tracemill.privacy.DecoyCorpus;
import dev.tracemill.privacy.DecoyEvaluator;
import dev.tracemill.privacy.DecoyReport;
import dev.tracemill.privacy.EntityMapping;
import dev.tracemill.privacy.TermDictionary;
import java.util.ArrayList;
import java.util.List;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code tracemill pii-eval}: runs the privacy detectors the pipeline uses ({@link DetectorSet}) over a
 * labelled corpus and prints span-level precision, recall and F2 per entity type. The output holds
 * counts and type names, never the corpus's text.
 */
@Command(
    name = "pii-eval",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description = {
        "Measures the privacy detectors on a labelled corpus in the presidio-research format",
        "(a JSON array or JSON Lines of {full_text, spans: [{entity_type, start_position, end_position}]}):",
        "span-level precision, recall and F2 per entity type and overall. docs/privacy.md explains the",
        "type mapping and the matching rule.",
        "With --decoys it also (or instead) measures over-redaction: the share of decoys (versions, prices,",
        "timestamps, HTTP codes, hashes, ids, paths...) that no detector touches, overall and per kind."},
    footer = PiiEvalCommand.FOOTER)
final class PiiEvalCommand implements Callable<Integer> {
  static final String FOOTER = "%nExit codes:%n"
      + "  0  success%n"
      + "  1  the gold file cannot be read or is not in the presidio-research format,%n"
      + "     or the decoy file cannot be read%n"
      + "  2  invalid usage (options, option values)%n"
      + "  3  internal error (set TRACEMILL_DEBUG=1 for the stack trace)";

  private final CliContext context;

  @Spec CommandSpec spec;

  @Option(names = "--gold", paramLabel = "FILE",
      description = "Labelled corpus: JSON array or JSON Lines in the presidio-research format.")
  Path gold;

  @Option(names = "--decoys", arity = "0..1", paramLabel = "FILE", fallbackValue = "",
      description = "Measure over-redaction on decoys: the built-in corpus, or FILE (lines KIND<TAB>text "
          + "with each decoy in [[ ]]). Prints the survival rate overall and per kind, and which "
          + "detectors ate which decoys.")
  String decoys;

  @Option(names = "--pii-dictionary", paramLabel = "TYPE=FILE",
      description = "Add an organisation dictionary, as in 'run' (repeatable). Gold spans labelled TYPE "
          + "are then scored.")
  java.util.List<String> dictionaries;

  @Option(names = "--json", description = "Print the report as JSON instead of a table.")
  boolean json;

  @Option(names = "--region", paramLabel = "CC",
      description = "Country whose national phone formats are assumed for numbers without a country "
          + "code (ISO 3166-1 two letters). Default: " + PrivacyOptions.DEFAULT_REGION + ".")
  String region;

  @Option(names = "--part", paramLabel = "PART", defaultValue = "all",
      converter = PartConverter.class,
      description = "Which examples to score: all (default), dev (even template_id) or test (odd "
          + "template_id). Tune on dev, report test, so that no sentence template is seen by both.")
  GoldCorpus.Part part;

  static final class PartConverter implements picocli.CommandLine.ITypeConverter<GoldCorpus.Part> {
    @Override
    public GoldCorpus.Part convert(String value) {
      return switch (value) {
        case "all" -> GoldCorpus.Part.ALL;
        case "dev" -> GoldCorpus.Part.DEV;
        case "test" -> GoldCorpus.Part.TEST;
        default -> throw new picocli.CommandLine.TypeConversionException(
            "expected all, dev or test, got '" + value + "'");
      };
    }
  }

  @Option(names = "--ner-model", paramLabel = "DIR",
      description = "Also run an ONNX token-classification model (a folder with model.onnx, "
          + "tokenizer.json and config.json), as tracemill run --ner-model does.")
  Path nerModel;

  PiiEvalCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws RunFailedException {
    if (gold == null && decoys == null) {
      throw new ParameterException(spec.commandLine(), "give --gold FILE, --decoys [FILE], or both");
    }
    PrivacyOptions options;
    try {
      options = new PrivacyOptions(region == null ? PrivacyOptions.DEFAULT_REGION : region, List.of());
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--region: " + e.getMessage(), e);
    }
    List<TermDictionary> loaded = new ArrayList<>();
    for (String d : dictionaries == null ? List.<String>of() : dictionaries) {
      try {
        loaded.add(TermDictionary.parseOption(d));
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), "--pii-dictionary: " + e.getMessage(), e);
      }
    }
    options = new PrivacyOptions(options.region(), loaded);
    DetectorSet detectors = context.detectors().apply(options);
    if (nerModel != null) {
      detectors = detectors.with(List.of(NerModels.load(nerModel, spec.commandLine())));
    }
    DecoyReport decoyReport = decoys == null ? null : decoys(detectors);
    if (gold == null) {
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        ObjectNode o = Json.object();
        addDetectors(o, detectors);
        o.setAll(decoyReport.toJson());
        out.println(pretty(o));
      } else {
        out.println("Decoys: " + decoyReport.source() + " (" + decoyReport.lines() + " lines)");
        out.println("Detectors: " + (detectors.detectors().isEmpty() ? "none" : names(detectors)));
        out.print(decoyReport.table());
      }
      out.flush();
      return ExitCodes.OK;
    }
    EvalReport report;
    try {
      java.util.Set<String> own = new java.util.TreeSet<>();
      loaded.forEach(d -> own.add(d.type()));
      report = PiiEvaluator.evaluate(detectors.detectors(), GoldCorpus.of(gold).part(part),
          EntityMapping.presidio().withOwnTypes(own));
    } catch (GoldCorpusException e) {
      throw new RunFailedException("gold file " + gold + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new RunFailedException("cannot read gold file " + gold + " (" + e.getClass().getSimpleName() + ")", e);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(render(report, detectors, decoyReport));
    } else {
      out.println("Gold file: " + gold
          + (part == GoldCorpus.Part.ALL ? "" : " (" + part.name().toLowerCase(Locale.ROOT) + " part)"));
      out.println("Detectors: " + (detectors.detectors().isEmpty() ? "none" : names(detectors)));
      out.print(report.table());
      if (decoyReport != null) {
        out.println();
        out.println("Decoys: " + decoyReport.source() + " (" + decoyReport.lines() + " lines)");
        out.print(decoyReport.table());
      }
    }
    out.flush();
    if (detectors.detectors().isEmpty()) {
      PrintWriter err = spec.commandLine().getErr();
      err.println("tracemill: note: no detectors are configured, so every gold span counts as missed.");
      err.flush();
    }
    return ExitCodes.OK;
  }

  private DecoyReport decoys(DetectorSet detectors) throws RunFailedException {
    DecoyCorpus corpus;
    if (decoys.isBlank()) {
      corpus = DecoyCorpus.builtIn();
    } else {
      try {
        corpus = DecoyCorpus.load(Path.of(decoys));
      } catch (IOException e) {
        throw new RunFailedException("cannot read decoy file " + decoys + " (" + e.getClass().getSimpleName() + ")", e);
      }
    }
    return DecoyEvaluator.evaluate(detectors.detectors(), corpus);
  }

  private void addDetectors(ObjectNode o, DetectorSet detectors) {
    var names = o.putArray("detectors");
    for (Detector d : detectors.detectors()) {
      names.add(d.name());
    }
    if (nerModel != null) {
      o.put("ner_model", NerModels.folderName(nerModel));
    }
  }

  private static String pretty(ObjectNode o) {
    try {
      return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise the evaluation report", e);
    }
  }

  private String render(EvalReport report, DetectorSet detectors, DecoyReport decoyReport) {
    ObjectNode o = Json.object();
    o.put("gold", gold.toString());
    o.put("part", part.name().toLowerCase(Locale.ROOT));
    addDetectors(o, detectors);
    o.setAll(report.toJson());
    if (decoyReport != null) {
      o.set("decoys", decoyReport.toJson());
    }
    try {
      return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise the evaluation report", e);
    }
  }

  private static String names(DetectorSet detectors) {
    return String.join(", ", detectors.detectors().stream().map(Detector::name).toList());
  }
}
