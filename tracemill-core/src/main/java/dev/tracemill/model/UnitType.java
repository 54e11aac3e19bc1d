package dev.tracemill.model;

import java.util.Locale;

/** The three shapes of training unit. */
public enum UnitType {
  /** One user question and the assistant's answer, no tools. */
  QA,
  /** Several user turns, no tools. */
  THREAD,
  /** Any unit with tool calls or tool results. */
  TRAJECTORY;

  /** The lower-case name used in reports and sidecars. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
