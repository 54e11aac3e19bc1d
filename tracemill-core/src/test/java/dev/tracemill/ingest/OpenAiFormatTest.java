package dev.tracemill.ingest;

class OpenAiFormatTest extends ReaderGoldenTest {
  @Override
  LogFormat format() {
    return new OpenAiFormat();
  }
}
