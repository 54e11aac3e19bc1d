package dev.tracemill.model;

/** Token usage as the log reports it; each field is null when the log does not say. */
public record Usage(Long inputTokens, Long outputTokens, Long totalTokens) {
  public static final Usage UNKNOWN = new Usage(null, null, null);

  public boolean isUnknown() {
    return inputTokens == null && outputTokens == null && totalTokens == null;
  }
}
