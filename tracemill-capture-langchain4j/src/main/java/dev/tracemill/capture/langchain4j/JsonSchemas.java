package dev.tracemill.capture.langchain4j;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.internal.JsonSchemaElementUtils;
import java.util.Map;

/**
 * A tool's parameters as a JSON Schema map, made by LangChain4j itself (the map its OpenAI client
 * sends), so that every schema element LangChain4j knows is written as the model saw it.
 */
final class JsonSchemas {
  private JsonSchemas() {}

  static Map<String, ?> parameters(ToolSpecification spec) {
    if (spec.parameters() == null) {
      return Map.of("type", "object", "properties", Map.of());
    }
    try {
      return JsonSchemaElementUtils.toMap(spec.parameters());
    } catch (LinkageError e) {
      // A LangChain4j version without this helper: the tool is still recorded, without its schema.
      return Map.of("type", "object", "properties", Map.of());
    }
  }
}
