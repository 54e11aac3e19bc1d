package dev.tracemill.curate;

import dev.tracemill.model.Event;
import dev.tracemill.model.Outcome;
import dev.tracemill.model.Unit;
import java.util.ArrayList;
import java.util.List;

/**
 * The built-in filters and their reason codes. {@link #chain} builds the run's filters in the order
 * they are documented; the first that rejects a unit names its reason.
 */
public final class Filters {
  public static final String FAILED_CALL = "failed_call";
  public static final String NO_USER_TURN = "no_user_turn";
  public static final String EMPTY_USER_TURN = "empty_user_turn";
  public static final String EMPTY_RESPONSE = "empty_response";
  public static final String RESPONSE_TOO_SHORT = "response_too_short";
  public static final String RESPONSE_TOO_LONG = "response_too_long";
  public static final String DUPLICATE = "duplicate";
  public static final String OVER_LIMIT = "over_limit";
  /**
   * With {@code --invalid-tool-calls drop}: a tool call names a tool the unit does not declare, or its
   * arguments are not valid for the tool's JSON Schema.
   */
  public static final String INVALID_TOOL_CALL = "invalid_tool_call";
  /** No requested export format can express the unit (each format's skip reason is in the report). */
  public static final String NOT_EXPORTABLE = "not_exportable";

  private Filters() {}

  /** Drops units whose call failed (kept, tagged by outcome, when success-only is off). */
  public static UnitFilter successOnly() {
    return unit -> unit.outcome() == Outcome.FAILURE ? FAILED_CALL : null;
  }

  /**
   * Drops units with no user message (nothing asked, nothing to learn: a missing prompt) and units
   * with a user message that has no text (only images or audio, which are not carried: the training
   * row would show an empty question).
   */
  public static UnitFilter needsUserTurn() {
    return unit -> {
      boolean any = false;
      for (Event e : unit.events()) {
        if (e.kind() == Event.Kind.USER) {
          if (((dev.tracemill.model.UserMsg) e).text().isBlank()) {
            return EMPTY_USER_TURN;
          }
          any = true;
        }
      }
      return any ? null : NO_USER_TURN;
    };
  }

  /** Drops units whose final assistant turn is missing or says nothing. */
  public static UnitFilter needsResponse() {
    return unit -> Responses.hasResponse(unit.events()) ? null : EMPTY_RESPONSE;
  }

  /** Bounds the final answer's length in characters (code points); either bound may be null. */
  public static UnitFilter responseLength(Integer min, Integer max) {
    return unit -> {
      String text = Responses.finalText(unit.events());
      int length = text == null ? 0 : text.codePointCount(0, text.length());
      if (min != null && length < min) {
        return RESPONSE_TOO_SHORT;
      }
      if (max != null && length > max) {
        return RESPONSE_TOO_LONG;
      }
      return null;
    };
  }

  /** The run's filters in order: success, user turn, response, length. */
  public static List<UnitFilter> chain(boolean successOnly, Integer minLength, Integer maxLength) {
    List<UnitFilter> filters = new ArrayList<>();
    if (successOnly) {
      filters.add(successOnly());
    }
    filters.add(needsUserTurn());
    filters.add(needsResponse());
    if (minLength != null || maxLength != null) {
      filters.add(responseLength(minLength, maxLength));
    }
    return List.copyOf(filters);
  }

  /** The first reason in {@code filters} that rejects {@code unit}, or null. */
  public static String firstRejection(List<UnitFilter> filters, Unit unit) {
    for (UnitFilter f : filters) {
      String reason = f.reject(unit);
      if (reason != null) {
        return reason;
      }
    }
    return null;
  }
}
