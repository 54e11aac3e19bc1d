package dev.tracemill.ingest;

class LoggerFormatTest extends ReaderGoldenTest {
  @Override
  LogFormat format() {
    return new LoggerFormat();
  }
}
