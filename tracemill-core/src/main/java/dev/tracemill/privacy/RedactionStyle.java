package dev.tracemill.privacy;

/** How a detected entity is written in the output. */
public enum RedactionStyle {
  /**
   * A realistic fake value of the same type and shape ({@link Surrogates}), so that a model trained
   * on the output learns to write e-mail addresses, not tags. The default.
   */
  SURROGATE,
  /** {@code <PERSON_1>}: the type and a number per unit, given in order of first appearance. */
  TAG,
  /**
   * {@code [REDACTED]}, whatever the type and length: a same-length mask would still tell the length
   * of a name or a password.
   */
  MASK
}
