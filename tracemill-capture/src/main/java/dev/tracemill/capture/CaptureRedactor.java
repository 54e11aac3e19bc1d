package dev.tracemill.capture;

/**
 * Rewrites a call before it is written, so that personal data never reaches the file. The
 * {@code tracemill-capture-privacy} module implements it with tracemill's privacy detectors
 * ({@code PrivacyRedactor}); the base library ships none, to stay free of dependencies.
 *
 * <p>Implementations must be thread-safe (the logger calls them from the application's threads, outside
 * its lock), must not log or throw the texts they see, and return a call with the same call type.
 */
@FunctionalInterface
public interface CaptureRedactor {
  LlmCall redact(LlmCall call);
}
