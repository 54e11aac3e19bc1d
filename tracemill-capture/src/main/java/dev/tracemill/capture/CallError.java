package dev.tracemill.capture;

import static java.util.Objects.requireNonNull;

/**
 * Why a call failed: a {@code message} and, when known, a {@code type} (an exception class or a
 * provider's error type) and {@code code} (an HTTP status or provider code). A call logged with an
 * error is read by tracemill as a failure.
 */
public record CallError(String message, String type, String code) {
  public CallError {
    requireNonNull(message, "message is null");
  }

  public static CallError of(String message) {
    return new CallError(message, null, null);
  }

  /** The error of {@code t}: its message (or its class name when it has none) and its class name. */
  public static CallError of(Throwable t) {
    requireNonNull(t, "throwable is null");
    String message = t.getMessage();
    return new CallError(message == null || message.isBlank() ? t.getClass().getName() : message,
        t.getClass().getName(), null);
  }

  public CallError withMessage(String newMessage) {
    return new CallError(newMessage, type, code);
  }

  @Override
  public String toString() {
    return "CallError[" + (type == null ? "" : type + ", ") + (code == null ? "" : "code " + code + ", ")
        + message.length() + " chars]";
  }
}
