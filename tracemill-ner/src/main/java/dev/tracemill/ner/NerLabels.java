package dev.tracemill.ner;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tracemill.privacy.EntityTypes;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The model's label set, read from {@code config.json}'s {@code id2label}, split into a tagging
 * scheme prefix (IOB2 / IOB1 {@code B-} {@code I-}, BIOES / BILOU {@code S-} {@code E-} {@code U-}
 * {@code L-}, or none for plain labels) and an entity name, and the entity name mapped to a tracemill
 * entity type.
 *
 * <p>Default mapping: {@code PER}, {@code PERS}, {@code PERSON} to PERSON; {@code LOC},
 * {@code LOCATION}, {@code GPE} to LOCATION; {@code ORG}, {@code ORGANIZATION}, {@code ORGANISATION}
 * to ORGANIZATION. Other entities ({@code MISC}, {@code DATE}) are ignored. A model's
 * {@code config.json} may add or override entries with a {@code "tracemill_entity_types"} object
 * (entity name to type, {@code null} or {@code ""} to ignore), for example
 * {@code {"MISC": null, "LABEL_1": "PERSON", "EMAIL": "EMAIL"}}.
 */
final class NerLabels {
  /** One label: its scheme prefix ({@code 'B'}, {@code 'I'}, {@code 'E'}, {@code 'S'}, or 0 for none or O). */
  record Label(char prefix, String entity, String type) {
    boolean outside() {
      return entity == null;
    }
  }

  static final Map<String, String> DEFAULT_TYPES = Map.of(
      "PER", EntityTypes.PERSON, "PERS", EntityTypes.PERSON, "PERSON", EntityTypes.PERSON,
      "LOC", EntityTypes.LOCATION, "LOCATION", EntityTypes.LOCATION, "GPE", EntityTypes.LOCATION,
      "ORG", EntityTypes.ORGANIZATION, "ORGANIZATION", EntityTypes.ORGANIZATION,
      "ORGANISATION", EntityTypes.ORGANIZATION);

  private final Label[] labels;

  private NerLabels(Label[] labels) {
    this.labels = labels;
  }

  int size() {
    return labels.length;
  }

  Label get(int id) {
    return labels[id];
  }

  /** The entity types this model can report, sorted. */
  List<String> types() {
    TreeSet<String> types = new TreeSet<>();
    for (Label l : labels) {
      if (l.type() != null) {
        types.add(l.type());
      }
    }
    return List.copyOf(types);
  }

  /** Entity names the model predicts that map to no type, sorted. */
  List<String> ignored() {
    TreeSet<String> ignored = new TreeSet<>();
    for (Label l : labels) {
      if (!l.outside() && l.type() == null) {
        ignored.add(l.entity());
      }
    }
    return List.copyOf(ignored);
  }

  static NerLabels fromConfig(JsonNode config, String where) {
    JsonNode id2label = config.get("id2label");
    if (id2label == null || !id2label.isObject() || id2label.isEmpty()) {
      throw new NerModelException(where + " has no id2label object; export the model with its labels "
          + "(optimum-cli export onnx --task token-classification keeps the model's config.json)");
    }
    Map<String, String> types = new LinkedHashMap<>(DEFAULT_TYPES);
    JsonNode overrides = config.get("tracemill_entity_types");
    if (overrides != null) {
      if (!overrides.isObject()) {
        throw new NerModelException(where + ": tracemill_entity_types must be an object of entity name to type");
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = overrides.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        JsonNode v = e.getValue();
        String type = v == null || v.isNull() || v.asText().isBlank() ? null : v.asText().trim();
        types.put(e.getKey().toUpperCase(Locale.ROOT), type);
      }
    }
    int count = id2label.size();
    Label[] labels = new Label[count];
    for (Iterator<Map.Entry<String, JsonNode>> it = id2label.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      int id;
      try {
        id = Integer.parseInt(e.getKey().trim());
      } catch (NumberFormatException ex) {
        throw new NerModelException(where + ": id2label key '" + e.getKey() + "' is not a label id");
      }
      if (id < 0 || id >= count || labels[id] != null) {
        throw new NerModelException(where + ": id2label ids must be 0.." + (count - 1) + " once each, got " + id);
      }
      labels[id] = parse(e.getValue().asText(), types);
    }
    NerLabels result = new NerLabels(labels);
    if (result.types().isEmpty()) {
      List<String> entities = new ArrayList<>(result.ignored());
      throw new NerModelException(where + ": none of the model's entities " + entities
          + " maps to a tracemill entity type; add \"tracemill_entity_types\": {\"NAME\": \"PERSON\", ...} "
          + "to config.json");
    }
    return result;
  }

  static Label parse(String raw, Map<String, String> types) {
    String label = raw.trim();
    if (label.isEmpty() || label.equalsIgnoreCase("O")) {
      return new Label((char) 0, null, null);
    }
    char prefix = 0;
    String entity = label;
    if (label.length() > 2 && (label.charAt(1) == '-' || label.charAt(1) == '_')) {
      char p = Character.toUpperCase(label.charAt(0));
      switch (p) {
        case 'B', 'I', 'E', 'S' -> prefix = p;
        case 'L' -> prefix = 'E';
        case 'U' -> prefix = 'S';
        default -> prefix = 0;
      }
      if (prefix != 0) {
        entity = label.substring(2);
      }
    }
    entity = entity.toUpperCase(Locale.ROOT);
    return new Label(prefix, entity, types.get(entity));
  }
}
