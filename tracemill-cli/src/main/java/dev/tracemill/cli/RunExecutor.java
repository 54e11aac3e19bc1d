package dev.tracemill.cli;

import dev.tracemill.pipeline.PipelineListener;
import dev.tracemill.pipeline.RunConfig;
import dev.tracemill.pipeline.RunFailedException;
import dev.tracemill.pipeline.RunResult;
import java.io.PrintWriter;

/** What {@code run} and {@code demo} share once their config is built: progress, the run, the summary. */
final class RunExecutor {
  private RunExecutor() {}

  static int execute(CliContext context, RunConfig config, boolean quiet, PrintWriter out, PrintWriter err)
      throws RunFailedException {
    RunResult result;
    if (context.console() && !quiet) {
      try (ProgressListener progress = ProgressListener.onStderr()) {
        result = context.runner().run(config, progress);
      }
    } else {
      result = context.runner().run(config, PipelineListener.NONE);
    }
    if (!quiet) {
      out.print(Summary.render(result, config.out()));
      out.flush();
    }
    if (result.inputRecords() == 0) {
      // Not an error (an empty day of logs is normal), but a user who passed the wrong folder must know.
      err.println("tracemill: warning: no records were read from " + String.join(", ", config.inputs())
          + "; no training file was written");
      err.flush();
    }
    return ExitCodes.OK;
  }
}
