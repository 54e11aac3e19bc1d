package dev.tracemill.cli;

import dev.tracemill.export.Exporter;
import dev.tracemill.export.Exporters;
import dev.tracemill.ingest.Formats;
import dev.tracemill.ingest.LogFormat;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Lists the registered readers and exporters, one per line, straight from the registries. */
@Command(name = "formats", mixinStandardHelpOptions = true,
    description = "Lists the input log formats and the export formats, one per line.")
final class FormatsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    int width = 0;
    for (String n : Formats.names()) {
      width = Math.max(width, n.length());
    }
    for (String n : Exporters.names()) {
      width = Math.max(width, n.length());
    }
    out.println("Input formats (--input-format; detected per file when not given):");
    if (Formats.ALL.isEmpty()) {
      out.println("  (none registered)");
    }
    for (LogFormat f : Formats.ALL) {
      out.println(line(f.name(), f.description(), width));
    }
    out.println("Export formats (--format):");
    if (Exporters.ALL.isEmpty()) {
      out.println("  (none registered)");
    }
    for (Exporter e : Exporters.ALL) {
      out.println(line(e.name(), e.description(), width));
    }
    out.flush();
    return ExitCodes.OK;
  }

  static String line(String name, String description, int width) {
    if (description == null || description.isBlank()) {
      return "  " + name;
    }
    return "  " + name + " ".repeat(width - name.length() + 2) + description.strip();
  }
}
