package dev.tracemill.model;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One input record as a reader understood it: the conversation sent to the model ({@code prompt}) and
 * one or more alternative completions ({@code choices}; several when the request asked for
 * {@code n > 1}). A record that holds a finished conversation (chat files, transcripts) puts its final
 * assistant turn (with its tool calls) in the single choice and everything before it in the prompt, so
 * that every call has at least one choice; a choice may be empty when the log holds no answer.
 *
 * <p>{@code callType} is the application's name for the call (null when unknown); {@code metadata} is
 * copied from the log as strings and sorted.
 */
public record Call(
    SourceRef source,
    List<Event> prompt,
    List<List<Event>> choices,
    List<ToolDef> tools,
    Outcome outcome,
    String callType,
    String session,
    Map<String, String> metadata) {

  public Call {
    requireNonNull(source, "source is null");
    prompt = List.copyOf(prompt);
    requireNonNull(choices, "choices is null");
    choices = choices.stream().map(List::copyOf).toList();
    if (choices.isEmpty()) {
      choices = List.of(List.of());
    }
    tools = tools == null ? List.of() : List.copyOf(tools);
    outcome = outcome == null ? Outcome.UNKNOWN : outcome;
    metadata = metadata == null || metadata.isEmpty()
        ? Map.of()
        : java.util.Collections.unmodifiableMap(new TreeMap<>(metadata));
  }
}
