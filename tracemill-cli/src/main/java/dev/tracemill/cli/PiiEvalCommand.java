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
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
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
        "type mapping and the matching rule."},
    footer = PiiEvalCommand.FOOTER)
final class PiiEvalCommand implements Callable<Integer> {
  static final String FOOTER = "%nExit codes:%n"
      + "  0  success%n"
      + "  1  the gold file cannot be read or is not in the presidio-research format%n"
      + "  2  invalid usage (options, option values)%n"
      + "  3  internal error (set TRACEMILL_DEBUG=1 for the stack trace)";

  private final CliContext context;

  @Spec CommandSpec spec;

  @Option(names = "--gold", required = true, paramLabel = "FILE",
      description = "Labelled corpus: JSON array or JSON Lines in the presidio-research format.")
  Path gold;

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
    PrivacyOptions options;
    try {
      options = region == null ? PrivacyOptions.defaults() : new PrivacyOptions(region);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--region: " + e.getMessage(), e);
    }
    DetectorSet detectors = context.detectors().apply(options);
    if (nerModel != null) {
      detectors = detectors.with(List.of(NerModels.load(nerModel, spec.commandLine())));
    }
    EvalReport report;
    try {
      report = PiiEvaluator.evaluate(detectors.detectors(), GoldCorpus.of(gold).part(part));
    } catch (GoldCorpusException e) {
      throw new RunFailedException("gold file " + gold + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new RunFailedException("cannot read gold file " + gold + " (" + e.getClass().getSimpleName() + ")", e);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(render(report, detectors));
    } else {
      out.println("Gold file: " + gold
          + (part == GoldCorpus.Part.ALL ? "" : " (" + part.name().toLowerCase(Locale.ROOT) + " part)"));
      out.println("Detectors: " + (detectors.detectors().isEmpty() ? "none" : names(detectors)));
      out.print(report.table());
    }
    out.flush();
    if (detectors.detectors().isEmpty()) {
      PrintWriter err = spec.commandLine().getErr();
      err.println("tracemill: note: no detectors are configured, so every gold span counts as missed.");
      err.flush();
    }
    return ExitCodes.OK;
  }

  private String render(EvalReport report, DetectorSet detectors) {
    ObjectNode o = Json.object();
    o.put("gold", gold.toString());
    o.put("part", part.name().toLowerCase(Locale.ROOT));
    if (nerModel != null) {
      o.put("ner_model", NerModels.folderName(nerModel));
    }
    var names = o.putArray("detectors");
    for (Detector d : detectors.detectors()) {
      names.add(d.name());
    }
    o.setAll(report.toJson());
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
