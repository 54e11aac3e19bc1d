package dev.tracemill.ner;

/**
 * A NER model folder that cannot be used: a missing or unreadable file, a corrupt ONNX graph, a
 * config without labels, or inputs and outputs the detector does not know how to feed. The message
 * names the folder's file and says what to do; it never contains scanned text.
 */
public final class NerModelException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public NerModelException(String message) {
    super(message);
  }

  public NerModelException(String message, Throwable cause) {
    super(message, cause);
  }
}
