package dev.tracemill.ingest;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What format detection may look at: the file's logical name (compression suffix removed), its first
 * bytes decoded as UTF-8 ({@code head}, at most 64 KiB), and the first non-blank line parsed as JSON
 * ({@code firstLine}, null when that line is not a JSON object, for example a multi-line document or
 * plain text).
 */
public record Sample(String fileName, String head, JsonNode firstLine) {
  /** True when the file starts like a JSON document (first non-blank character is { or [). */
  public boolean looksLikeJson() {
    for (int i = 0; i < head.length(); i++) {
      char c = head.charAt(i);
      if (!Character.isWhitespace(c) && c != '\uFEFF') {
        return c == '{' || c == '[';
      }
    }
    return false;
  }
}
