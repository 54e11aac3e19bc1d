package dev.tracemill.export;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tracemill.model.Unit;
import java.util.List;
import java.util.Map;

/**
 * One training-file target. {@link #export} is a pure function of the unit; {@link #validate} checks a
 * row against the target's own rules (roles, alternation, argument types). Contract: {@code export}
 * validates its own row and returns {@code skip("invalid_row")} instead of a row that breaks a rule, so
 * a broken row never reaches a trainer (ExportPropertiesTest holds every exporter to it); callers need
 * not validate again.
 */
public interface Exporter {
  /** The name users pass to {@code --format}; also the folder under {@code DIR/sft/}. */
  String name();

  /** One line for {@code tracemill formats}: the trainer or file shape this writes; empty when not described. */
  default String description() {
    return "";
  }

  ExportResult export(Unit unit);

  /** The target's rules this row breaks, in words; empty when the row is valid. */
  List<String> validate(JsonNode row);

  /**
   * Extra files to write beside the split files once they are all written (for example LLaMA-Factory's
   * {@code dataset_info.json}); keys are file names, {@code splitFiles} maps split name to the file
   * name written for it and its row count.
   */
  default Map<String, JsonNode> extraFiles(Map<String, SplitFile> splitFiles) {
    return Map.of();
  }

  /** A written split file: its name inside the format folder and how many rows it holds. */
  record SplitFile(String fileName, long rows) {}
}
