package dev.tracemill.ingest;

class ChatFormatTest extends ReaderGoldenTest {
  @Override
  LogFormat format() {
    return new ChatFormat();
  }
}
