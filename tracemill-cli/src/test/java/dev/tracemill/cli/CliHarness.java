package dev.tracemill.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tracemill.model.Json;
import dev.tracemill.pipeline.RunConfig;
import dev.tracemill.pipeline.RunFailedException;
import dev.tracemill.pipeline.RunResult;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine;

/** Runs the CLI in-process with a fake pipeline that records the config it was given. */
final class CliHarness {
  final Map<String, String> env = new HashMap<>();
  Path home;
  RunConfig captured;
  ObjectNode report = Json.object();
  Exception failure;

  String out = "";
  String err = "";

  CliHarness(Path home) {
    this.home = home;
  }

  int execute(String... args) {
    PipelineRunner runner = (config, listener) -> {
      captured = config;
      if (failure instanceof RunFailedException rf) {
        throw rf;
      }
      if (failure instanceof RuntimeException re) {
        throw re;
      }
      return new RunResult(report, config.out().resolve("report.json"));
    };
    CliContext context = new CliContext(runner, home, env::get, false);
    CommandLine cmd = Cli.create(context);
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    cmd.setOut(new PrintWriter(o, true));
    cmd.setErr(new PrintWriter(e, true));
    int code = cmd.execute(args);
    out = o.toString();
    err = e.toString();
    return code;
  }
}
