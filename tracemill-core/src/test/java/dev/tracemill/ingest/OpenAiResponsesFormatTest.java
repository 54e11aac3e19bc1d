package dev.tracemill.ingest;

class OpenAiResponsesFormatTest extends ReaderGoldenTest {
  @Override
  LogFormat format() {
    return new OpenAiResponsesFormat();
  }
}
