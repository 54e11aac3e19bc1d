package dev.tracemill.ingest;

import dev.tracemill.model.AssistantMsg;
import dev.tracemill.model.Call;
import dev.tracemill.model.Event;
import dev.tracemill.model.EventMeta;
import dev.tracemill.model.Outcome;
import dev.tracemill.model.SourceRef;
import dev.tracemill.model.SystemMsg;
import dev.tracemill.model.UserMsg;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plain-text transcripts: turns start with a marker at the beginning of a line ({@code System:},
 * {@code User:} or {@code Human:}, {@code Assistant:}, {@code AI:} or {@code Bot:}; any case, leading
 * whitespace allowed). A turn's text is the rest of its marker line and every following line up to the
 * next marker, without leading or trailing blank lines. One file holds one conversation, or several
 * separated by separator lines (three or more of the same {@code -}, {@code =}, {@code *} or
 * {@code #}).
 *
 * <p>A separator-shaped line only separates when the next non-blank line starts a turn (or the file
 * ends): assistants write Markdown rules ({@code ---}) inside their answers, and cutting an answer
 * there would lose the rest of the conversation. A rule that is not followed by a turn stays text of
 * the current turn.
 *
 * <p>Each conversation is one record whose line is its first non-blank line; it is quarantined when a
 * line is not valid UTF-8, when text comes before its first marker, or when it is larger than
 * {@link ReadOptions#maxRecordBytes()}. The file is streamed line by line; only the current
 * conversation is held.
 */
public final class TranscriptFormat implements LogFormat {
  private static final Pattern MARKER =
      Pattern.compile("^[ \\t]*(system|user|human|assistant|ai|bot):[ \\t]*", Pattern.CASE_INSENSITIVE);
  private static final Pattern SEPARATOR = Pattern.compile("^[ \\t]*(?:-{3,}|={3,}|\\*{3,}|#{3,})[ \\t]*$");
  static final String MARKERS = "User:, Human:, Assistant:, AI:, Bot: or System:";

  @Override
  public String name() {
    return "transcript";
  }

  @Override
  public String description() {
    return "Plain-text transcripts: User:/Assistant: turns; conversations split by --- lines";
  }

  @Override
  public int sniff(Sample sample) {
    if (sample.looksLikeJson()) {
      return 0;
    }
    String[] lines = sample.head().split("\n", 201);
    boolean marker = false;
    for (int i = 0; i < Math.min(lines.length, 200) && !marker; i++) {
      marker = MARKER.matcher(lines[i]).find();
    }
    if (!marker) {
      return 0;
    }
    String lower = sample.fileName().toLowerCase(Locale.ROOT);
    boolean textFile = lower.endsWith(".txt") || lower.endsWith(".md") || lower.endsWith(".transcript");
    return textFile ? 50 : 40;
  }

  @Override
  public void read(InputFile file, ReadOptions options, RecordSink sink) throws IOException {
    try (InputStream in = file.open()) {
      new Splitter(file.name(), options.maxRecordBytes(), sink).run(new LineReader(in, options.maxRecordBytes()));
    }
  }

  private enum Role { SYSTEM, USER, ASSISTANT }

  private record Turn(Role role, StringBuilder text) {}

  /** The state of one pass over a file: the conversation being built and any pending separator. */
  private static final class Splitter {
    private final String fileName;
    private final int maxBytes;
    private final RecordSink sink;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);

    /** First non-blank line of the open conversation; 0 when none is open. */
    private long start;
    private long bytes;
    private String problem;
    private final List<Turn> turns = new ArrayList<>();
    /** A separator line and the blank lines after it, kept until the next non-blank line decides. */
    private final List<String> pending = new ArrayList<>();
    private boolean pendingSeparator;

    Splitter(String fileName, int maxBytes, RecordSink sink) {
      this.fileName = fileName;
      this.maxBytes = maxBytes;
      this.sink = sink;
    }

    void run(LineReader lines) throws IOException {
      LineReader.Line line;
      while ((line = lines.next()) != null) {
        if (line.tooLong()) {
          flushPendingAsText(line.number());
          open(line.number());
          fail("line " + line.number() + " is longer than the limit of " + maxBytes
              + " bytes (raise --max-record-bytes to read it)");
          continue;
        }
        String text = decode(line);
        boolean invalid = text == null;
        if (invalid) {
          // Still classify the line (a damaged marker line starts a new, quarantined conversation)
          // so one bad byte does not merge two conversations.
          text = new String(line.bytes(), 0, line.length(), StandardCharsets.UTF_8);
        }
        if (line.number() == 1 && text.startsWith("\uFEFF")) {
          text = text.substring(1);
        }
        if (text.isBlank()) {
          if (pendingSeparator || start == 0) {
            pending.add(text);
          } else {
            content(line.number(), text, line.length());
          }
          continue;
        }
        if (SEPARATOR.matcher(text).matches()) {
          if (!pendingSeparator) {
            flushPendingAsText(line.number());
            pendingSeparator = true;
          }
          pending.add(text);
          continue;
        }
        Matcher marker = MARKER.matcher(text);
        if (marker.find()) {
          if (pendingSeparator) {
            finish();
          } else {
            pending.clear();
          }
          turn(line.number(), role(marker.group(1)), text.substring(marker.end()), line.length());
        } else {
          flushPendingAsText(line.number());
          content(line.number(), text, line.length());
        }
        if (invalid) {
          fail("line " + line.number() + " is not valid UTF-8 text");
        }
      }
      finish();
    }

    /** The line as text, or null when it is not valid UTF-8. */
    private String decode(LineReader.Line line) {
      try {
        return decoder.decode(ByteBuffer.wrap(line.bytes(), 0, line.length())).toString();
      } catch (CharacterCodingException e) {
        return null;
      }
    }

    /** A pending separator turned out to be text (no turn follows it): it joins the current turn. */
    private void flushPendingAsText(long number) {
      if (start != 0) {
        for (String text : pending) {
          content(number, text, text.length());
        }
      }
      pending.clear();
      pendingSeparator = false;
    }

    private void turn(long number, Role role, String rest, int length) {
      open(number);
      if (grow(number, length)) {
        turns.add(new Turn(role, new StringBuilder(rest)));
      }
    }

    /** A line that continues the current turn. */
    private void content(long number, String text, int length) {
      if (text.isBlank() && start == 0) {
        return;
      }
      open(number);
      if (!grow(number, length) || problem != null) {
        return;
      }
      if (turns.isEmpty()) {
        fail("line " + number + ": text before the first turn marker (expected a line starting with "
            + MARKERS + ")");
        return;
      }
      turns.get(turns.size() - 1).text().append('\n').append(text);
    }

    /** Marks the open conversation as unreadable; the first reason wins and its text is dropped. */
    private void fail(String reason) {
      if (problem == null) {
        problem = reason;
        turns.clear();
      }
    }

    private void open(long number) {
      if (start == 0) {
        start = number;
      }
    }

    /** Counts the line against the size limit; false (and the conversation marked) once over it. */
    private boolean grow(long number, int length) {
      bytes += length + 1;
      if (bytes > maxBytes) {
        fail("the conversation is longer than the limit of " + maxBytes
            + " bytes at line " + number + " (raise --max-record-bytes to read it)");
      }
      return problem == null;
    }

    private void finish() {
      if (start != 0) {
        SourceRef where = new SourceRef(fileName, start);
        if (problem != null) {
          sink.quarantine(where, problem);
        } else {
          sink.accept(call(where));
        }
      }
      start = 0;
      bytes = 0;
      problem = null;
      turns.clear();
      pending.clear();
      pendingSeparator = false;
    }

    private Call call(SourceRef where) {
      EventMeta meta = EventMeta.of(where);
      List<Event> events = new ArrayList<>();
      for (Turn turn : turns) {
        String text = trimBlankLines(turn.text().toString());
        events.add(switch (turn.role()) {
          case SYSTEM -> new SystemMsg(text, meta);
          case USER -> new UserMsg(text, meta);
          case ASSISTANT -> new AssistantMsg(text, null, meta);
        });
      }
      boolean endsWithAnswer = !turns.isEmpty() && turns.get(turns.size() - 1).role() == Role.ASSISTANT;
      List<Event> prompt = endsWithAnswer ? events.subList(0, events.size() - 1) : events;
      List<Event> choice = endsWithAnswer ? List.of(events.get(events.size() - 1)) : List.of();
      return new Call(where, prompt, List.of(choice), List.of(), Outcome.UNKNOWN, null, null, Map.of());
    }
  }

  private static Role role(String marker) {
    return switch (marker.toLowerCase(Locale.ROOT)) {
      case "system" -> Role.SYSTEM;
      case "user", "human" -> Role.USER;
      default -> Role.ASSISTANT;
    };
  }

  /** Drops leading and trailing blank lines, keeping the lines between them as written. */
  static String trimBlankLines(String text) {
    String[] lines = text.split("\n", -1);
    int from = 0;
    int to = lines.length;
    while (from < to && lines[from].isBlank()) {
      from++;
    }
    while (to > from && lines[to - 1].isBlank()) {
      to--;
    }
    return String.join("\n", java.util.Arrays.asList(lines).subList(from, to));
  }
}
