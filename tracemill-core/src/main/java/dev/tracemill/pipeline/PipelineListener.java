package dev.tracemill.pipeline;

/**
 * Hooks for progress bars and metrics. Every method has a no-op default so a listener overrides only
 * what it shows. Called from the thread that runs the pipeline. Never receives record content.
 */
public interface PipelineListener {
  PipelineListener NONE = new PipelineListener() {};

  /** A phase starts; {@code total} is the number of steps it will take, or -1 when unknown. */
  default void phaseStarted(String phase, long total) {}

  /** {@code steps} more steps of the current phase are done. */
  default void advanced(long steps) {}

  default void phaseFinished(String phase) {}

  /** A record was quarantined; {@code where} is {@code file:line}, {@code reason} has no record text. */
  default void quarantined(String where, String reason) {}
}
