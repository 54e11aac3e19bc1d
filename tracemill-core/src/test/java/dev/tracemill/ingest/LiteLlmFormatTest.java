package dev.tracemill.ingest;

class LiteLlmFormatTest extends ReaderGoldenTest {
  @Override
  LogFormat format() {
    return new LiteLlmFormat();
  }
}
