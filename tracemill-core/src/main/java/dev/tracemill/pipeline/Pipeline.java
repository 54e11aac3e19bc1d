package dev.tracemill.pipeline;

/** Wires the stages of one run: ingest, segment, curate, export, report. */
public final class Pipeline {
  private Pipeline() {}

  /** Runs the whole pipeline; outputs land under {@code config.out()} only when it succeeds. */
  public static RunResult run(RunConfig config, PipelineListener listener) throws RunFailedException {
    throw new RunFailedException("the pipeline is being written (see issue 2)");
  }
}
