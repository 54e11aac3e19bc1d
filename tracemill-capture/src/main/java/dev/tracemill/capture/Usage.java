package dev.tracemill.capture;

/**
 * Token counts of one call; a null count was not reported. Written as OpenAI's
 * {@code {"prompt_tokens", "completion_tokens", "total_tokens"}}.
 */
public record Usage(Long promptTokens, Long completionTokens, Long totalTokens) {
  public Usage {
    check(promptTokens, "promptTokens");
    check(completionTokens, "completionTokens");
    check(totalTokens, "totalTokens");
  }

  /** Prompt and completion counts; the total is their sum. */
  public static Usage of(long promptTokens, long completionTokens) {
    return new Usage(promptTokens, completionTokens, promptTokens + completionTokens);
  }

  boolean isEmpty() {
    return promptTokens == null && completionTokens == null && totalTokens == null;
  }

  private static void check(Long count, String name) {
    if (count != null && count < 0) {
      throw new IllegalArgumentException(name + " is negative (" + count + "); give null when not reported");
    }
  }
}
