package dev.tracemill.privacy;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One labelled text of a gold corpus: its position in the file ({@code index}, from 0), the text, and
 * the entities an annotator marked in it, with the annotator's own type names (presidio's
 * {@code EMAIL_ADDRESS}, not our {@code EMAIL}; {@link EntityMapping} translates).
 */
public record GoldExample(long index, String text, List<Entity> entities) {
  public GoldExample {
    requireNonNull(text, "text is null");
    entities = List.copyOf(entities);
    for (Entity e : entities) {
      if (e.end() > text.length()) {
        throw new IllegalArgumentException("entity [" + e.start() + ", " + e.end() + ") ends after the text (length "
            + text.length() + ")");
      }
    }
  }

  /** A labelled range {@code [start, end)} in UTF-16 units of the text, with the corpus's type name. */
  public record Entity(int start, int end, String type) {
    public Entity {
      if (start < 0 || end <= start) {
        throw new IllegalArgumentException("entity must satisfy 0 <= start < end, got [" + start + ", " + end + ")");
      }
      requireNonNull(type, "type is null");
    }

    public int length() {
      return end - start;
    }
  }
}
