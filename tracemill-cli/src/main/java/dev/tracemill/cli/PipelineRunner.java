package dev.tracemill.cli;

import dev.tracemill.pipeline.PipelineListener;
import dev.tracemill.pipeline.RunConfig;
import dev.tracemill.pipeline.RunFailedException;
import dev.tracemill.pipeline.RunResult;

/**
 * The one call the CLI makes into the library. Production uses {@code Pipeline::run}; tests pass a
 * fake that captures the {@link RunConfig} the options produced and returns a report of their making.
 */
@FunctionalInterface
interface PipelineRunner {
  RunResult run(RunConfig config, PipelineListener listener) throws RunFailedException;
}
