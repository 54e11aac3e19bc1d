package dev.tracemill.privacy;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;

/**
 * The corpus key for consistent surrogates across units ({@code TRACEMILL_PII_KEY}). A class, not a
 * record, so that its bytes never appear in {@code toString()}, equality or a report; callers must not
 * write it anywhere.
 */
public final class PiiKey {
  private final byte[] bytes;

  private PiiKey(byte[] bytes) {
    this.bytes = bytes;
  }

  /** The key from a string (for example an environment variable); null or blank gives null. */
  public static PiiKey of(String secret) {
    if (secret == null || secret.isBlank()) {
      return null;
    }
    return new PiiKey(secret.getBytes(StandardCharsets.UTF_8));
  }

  public static PiiKey of(byte[] secret) {
    requireNonNull(secret, "secret is null");
    if (secret.length == 0) {
      throw new IllegalArgumentException("the PII key is empty");
    }
    return new PiiKey(secret.clone());
  }

  /** A copy of the key's bytes. */
  public byte[] bytes() {
    return bytes.clone();
  }

  @Override
  public String toString() {
    return "PiiKey[hidden]";
  }
}
