package dev.tracemill.ingest;

class LlmCallsFormatTest implements GoldenReaderContract {
  @Override
  public LogFormat format() {
    return new LlmCallsFormat();
  }
}
