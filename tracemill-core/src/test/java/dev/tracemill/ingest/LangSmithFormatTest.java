package dev.tracemill.ingest;

class LangSmithFormatTest extends ReaderGoldenTest {
  @Override
  LogFormat format() {
    return new LangSmithFormat();
  }
}
