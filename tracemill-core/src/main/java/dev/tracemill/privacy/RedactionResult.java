package dev.tracemill.privacy;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The redacted text of one call to {@link Redactor#redact}, with what the report needs: how many
 * spans of each type were handled (replaced, or left because they were already surrogates), and the
 * reasons, if any, why the whole unit must be dropped ({@code contains_private_key}). The text is
 * fully redacted even when a drop reason is given, so a caller that ignores it leaks nothing.
 *
 * <p>It never holds an original value, except in {@link #audit()}, which is empty unless the
 * {@link RedactionContext} was built with {@link RedactionContext#collectingAudit()} and which is
 * sensitive (see {@link AuditPair}).
 */
public record RedactionResult(String text, Map<String, Integer> counts, List<String> dropReasons,
    List<AuditPair> audit) {
  public RedactionResult {
    requireNonNull(text, "text is null");
    counts = java.util.Collections.unmodifiableMap(new TreeMap<>(counts));
    dropReasons = List.copyOf(dropReasons);
    audit = List.copyOf(audit);
  }

  /** Whether the unit that holds this text must be left out of the dataset. */
  public boolean dropUnit() {
    return !dropReasons.isEmpty();
  }

  @Override
  public String toString() {
    return "RedactionResult[" + text.length() + " chars, counts=" + counts + ", drop=" + dropReasons
        + (audit.isEmpty() ? "" : ", " + audit.size() + " audit pairs") + "]";
  }
}
