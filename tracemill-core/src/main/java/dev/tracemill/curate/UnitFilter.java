package dev.tracemill.curate;

import dev.tracemill.model.Unit;

/**
 * One curation rule. It decides, the pipeline acts: {@link #reject} returns the reason code counted in
 * {@code report.json} under {@code records.filtered}, or null to keep the unit.
 */
@FunctionalInterface
public interface UnitFilter {
  String reject(Unit unit);
}
