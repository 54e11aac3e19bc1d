package dev.tracemill.privacy;

import static java.util.Objects.requireNonNull;

/**
 * One original value and what replaced it, for the {@code --audit-sample} review of redactions.
 *
 * <p><b>Sensitive:</b> {@link #original()} is the personal data or secret itself. Only a caller that
 * asked for audit pairs ({@link RedactionContext#collectingAudit()}) receives them, and it must keep
 * them out of datasets, logs and reports. {@link #toString()} never shows the original.
 */
public record AuditPair(String type, String original, String replacement) {
  public AuditPair {
    requireNonNull(type, "type is null");
    requireNonNull(original, "original is null");
    requireNonNull(replacement, "replacement is null");
  }

  @Override
  public String toString() {
    return "AuditPair[" + type + ", " + original.length() + " chars -> " + replacement.length() + " chars]";
  }
}
