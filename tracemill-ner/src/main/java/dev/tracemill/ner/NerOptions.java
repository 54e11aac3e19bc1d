package dev.tracemill.ner;

/**
 * How the ONNX NER detector scores and windows text.
 *
 * <ul>
 *   <li>{@code threshold}: an entity is reported when the mean probability of its words' labels is at
 *       least this, in {@code [0, 1]}; default {@value #DEFAULT_THRESHOLD}.
 *   <li>{@code windowTokens}: the most word pieces one model call sees, special tokens included;
 *       default {@value #DEFAULT_WINDOW_TOKENS}, capped by the model's {@code max_position_embeddings}.
 *   <li>{@code overlapTokens}: how many pieces consecutive windows share, so that an entity cut by one
 *       window's edge is seen whole, with context, by the next; default {@value #DEFAULT_OVERLAP_TOKENS}.
 *       Each piece takes its label from the window in which it lies farthest from an edge.
 *   <li>{@code threads}: ONNX Runtime intra-op threads; 0 lets ONNX Runtime choose.
 * </ul>
 */
public record NerOptions(double threshold, int windowTokens, int overlapTokens, int threads) {
  public static final double DEFAULT_THRESHOLD = 0.5;
  public static final int DEFAULT_WINDOW_TOKENS = 256;
  public static final int DEFAULT_OVERLAP_TOKENS = 32;

  public static final NerOptions DEFAULTS =
      new NerOptions(DEFAULT_THRESHOLD, DEFAULT_WINDOW_TOKENS, DEFAULT_OVERLAP_TOKENS, 0);

  public NerOptions {
    if (!(threshold >= 0 && threshold <= 1)) {
      throw new IllegalArgumentException("threshold must be in [0, 1], got " + threshold);
    }
    if (windowTokens < 8) {
      throw new IllegalArgumentException("windowTokens must be at least 8, got " + windowTokens);
    }
    if (overlapTokens < 0 || overlapTokens > windowTokens / 2) {
      throw new IllegalArgumentException("overlapTokens must be in [0, windowTokens / 2 = " + windowTokens / 2
          + "], got " + overlapTokens + "; lower it or raise windowTokens");
    }
    if (threads < 0) {
      throw new IllegalArgumentException("threads must be 0 (let ONNX Runtime choose) or more, got " + threads);
    }
  }

  public NerOptions withThreshold(double value) {
    return new NerOptions(value, windowTokens, overlapTokens, threads);
  }

  public NerOptions withWindow(int tokens, int overlap) {
    return new NerOptions(threshold, tokens, overlap, threads);
  }

  public NerOptions withThreads(int value) {
    return new NerOptions(threshold, windowTokens, overlapTokens, value);
  }
}
