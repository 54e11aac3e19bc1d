package dev.tracemill.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tracemill.model.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Hand-broken rows: each breaks one target rule and must give at least one violation. */
class ValidatorTest {
  private static List<String> check(String format, String row) {
    JsonNode parsed = Json.tryParse(row);
    assertThat(parsed).as("test row is JSON").isNotNull();
    return Exporters.byName(format).orElseThrow().validate(parsed);
  }

  private static void broken(String format, String row, String because) {
    assertThat(check(format, row)).as(format + ": " + because).isNotEmpty();
  }

  private static void clean(String format, String row) {
    assertThat(check(format, row)).as(format + " clean row").isEmpty();
  }

  @Test
  void trlRejectsBrokenRows() {
    clean("trl", "{\"messages\":[{\"role\":\"user\",\"content\":\"q\"},{\"role\":\"assistant\",\"content\":\"\",\"tool_calls\":[{\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":{}}}]},{\"role\":\"tool\",\"name\":\"f\",\"content\":\"r\"},{\"role\":\"assistant\",\"content\":\"a\"}]}");
    broken("trl", "{\"messages\":[{\"role\":\"human\",\"content\":\"q\"},{\"role\":\"assistant\",\"content\":\"a\"}]}", "wrong role");
    broken("trl", "{\"messages\":[{\"role\":\"user\",\"content\":\"q\"}]}", "missing assistant");
    broken("trl", "{\"messages\":[]}", "empty messages");
    broken("trl", "{\"messages\":[{\"role\":\"user\",\"content\":\"q\"},{\"role\":\"assistant\",\"content\":\"\",\"tool_calls\":[{\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"{}\"}}]}]}", "arguments as a string");
    broken("trl", "{\"messages\":[{\"role\":\"user\",\"content\":\"q\"},{\"role\":\"tool\",\"name\":\"f\",\"content\":\"r\"},{\"role\":\"assistant\",\"content\":\"a\"}]}", "tool message without a call");
    broken("trl", "{\"messages\":[{\"role\":\"user\",\"content\":\"q\"},{\"role\":\"assistant\",\"content\":\"\",\"tool_calls\":[{\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":{}}}]},{\"role\":\"tool\",\"name\":\"g\",\"content\":\"r\"},{\"role\":\"assistant\",\"content\":\"a\"}]}", "tool name not called");
    broken("trl", "{\"messages\":[{\"role\":\"user\",\"content\":1},{\"role\":\"assistant\",\"content\":\"a\"}]}", "content not a string");
    broken("trl", "{\"messages\":[{\"role\":\"user\",\"content\":\"q\"},{\"role\":\"assistant\",\"content\":\"a\"}],\"tools\":[{\"type\":\"function\",\"function\":{\"parameters\":{}}}]}", "tool without name");
  }

  @Test
  void openAiRejectsBrokenRows() {
    clean("openai", "{\"messages\":[{\"role\":\"user\",\"content\":\"q\"},{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"c1\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"{}\"}}],\"weight\":0},{\"role\":\"tool\",\"tool_call_id\":\"c1\",\"content\":\"r\"},{\"role\":\"assistant\",\"content\":\"a\"}]}");
    broken("openai", "[1]", "not an object (data_type)");
    broken("openai", "{\"messages\":[]}", "missing_messages_list");
    broken("openai", "{\"messages\":[{\"role\":\"user\",\"content\":\"q\"}]}", "example_missing_assistant_message");
    broken("openai", "{\"messages\":[{\"role\":\"bot\",\"content\":\"q\"},{\"role\":\"assistant\",\"content\":\"a\"}]}", "unrecognized_role");
    broken("openai", "{\"messages\":[{\"role\":\"user\",\"content\":\"q\",\"mood\":\"x\"},{\"role\":\"assistant\",\"content\":\"a\"}]}", "message_unrecognized_key");
    broken("openai", "{\"messages\":[{\"role\":\"user\",\"content\":\"q\"},{\"role\":\"assistant\"}]}", "missing_content");
    broken("openai", "{\"messages\":[{\"role\":\"user\",\"content\":\"q\"},{\"role\":\"assistant\",\"content\":\"a\",\"weight\":2}]}", "weight not 0/1");
    broken("openai", "{\"messages\":[{\"role\":\"user\",\"content\":\"q\",\"weight\":0},{\"role\":\"assistant\",\"content\":\"a\"}]}", "weight on a user message");
    broken("openai", "{\"messages\":[{\"role\":\"user\",\"content\":\"q\"},{\"role\":\"assistant\",\"content\":\"a\",\"weight\":0}]}", "nothing trained");
    broken("openai", "{\"messages\":[{\"role\":\"user\",\"content\":\"q\"},{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"c1\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":{}}}]}]}", "arguments as an object");
    broken("openai", "{\"messages\":[{\"role\":\"user\",\"content\":\"q\"},{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"c1\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"{oops\"}}]}]}", "arguments not JSON");
    broken("openai", "{\"messages\":[{\"role\":\"user\",\"content\":\"q\"},{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"c1\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"{}\"}}]},{\"role\":\"tool\",\"tool_call_id\":\"c9\",\"content\":\"r\"},{\"role\":\"assistant\",\"content\":\"a\"}]}", "tool_call_id matches no call");
    broken("openai", "{\"messages\":[{\"role\":\"user\",\"content\":\"q\"},{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"c1\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"{}\"}}]},{\"role\":\"assistant\",\"content\":\"a\"}]}", "call left unanswered");
    broken("openai", "{\"messages\":[{\"role\":\"user\",\"content\":\"q\"},{\"role\":\"tool\",\"tool_call_id\":\"c1\",\"content\":\"r\"},{\"role\":\"assistant\",\"content\":\"a\"}]}", "tool message with no preceding call");
  }

  @Test
  void alpacaRejectsBrokenRows() {
    clean("alpaca", "{\"instruction\":\"q\",\"input\":\"\",\"output\":\"a\",\"system\":\"\",\"history\":[[\"q0\",\"a0\"]]}");
    broken("alpaca", "{\"instruction\":\"\",\"input\":\"\",\"output\":\"a\",\"system\":\"\",\"history\":[]}", "empty instruction");
    broken("alpaca", "{\"instruction\":\"q\",\"input\":\"\",\"output\":[\"a\"],\"system\":\"\",\"history\":[]}", "output not a string");
    broken("alpaca", "{\"instruction\":\"q\",\"input\":\"\",\"output\":\"a\",\"system\":\"\",\"history\":[[\"q0\"]]}", "history pair of one");
    broken("alpaca", "{\"instruction\":\"q\",\"output\":\"a\",\"system\":\"\",\"history\":[]}", "missing input");
  }

  @Test
  void shareGptRejectsBrokenRows() {
    clean("sharegpt", "{\"conversations\":[{\"from\":\"human\",\"value\":\"q\"},{\"from\":\"function_call\",\"value\":\"[{\\\"name\\\":\\\"f\\\",\\\"arguments\\\":{}},{\\\"name\\\":\\\"g\\\",\\\"arguments\\\":{}}]\"},{\"from\":\"observation\",\"value\":\"r\"},{\"from\":\"gpt\",\"value\":\"a\"}],\"system\":\"\",\"tools\":\"[{\\\"name\\\":\\\"f\\\"}]\"}");
    broken("sharegpt", "{\"conversations\":[{\"from\":\"gpt\",\"value\":\"a\"},{\"from\":\"human\",\"value\":\"q\"}],\"system\":\"\",\"tools\":\"\"}", "starts with gpt");
    broken("sharegpt", "{\"conversations\":[{\"from\":\"human\",\"value\":\"q\"},{\"from\":\"gpt\",\"value\":\"a\"},{\"from\":\"gpt\",\"value\":\"b\"},{\"from\":\"human\",\"value\":\"q\"}],\"system\":\"\",\"tools\":\"\"}", "two gpt in a row");
    broken("sharegpt", "{\"conversations\":[{\"from\":\"human\",\"value\":\"q\"}],\"system\":\"\",\"tools\":\"\"}", "odd count");
    broken("sharegpt", "{\"conversations\":[{\"from\":\"system\",\"value\":\"s\"},{\"from\":\"human\",\"value\":\"q\"}],\"system\":\"\",\"tools\":\"\"}", "system inside conversations");
    broken("sharegpt", "{\"conversations\":[{\"from\":\"human\",\"value\":\"q\"},{\"from\":\"function_call\",\"value\":\"{\\\"name\\\":\\\"f\\\",\\\"arguments\\\":\\\"{}\\\"}\"}],\"system\":\"\",\"tools\":\"\"}", "arguments as a string");
    broken("sharegpt", "{\"conversations\":[{\"from\":\"human\",\"value\":\"q\"},{\"from\":\"function_call\",\"value\":\"not json\"}],\"system\":\"\",\"tools\":\"\"}", "function_call not JSON");
    broken("sharegpt", "{\"conversations\":[{\"from\":\"observation\",\"value\":\"r\"},{\"from\":\"gpt\",\"value\":\"a\"}],\"system\":\"\",\"tools\":\"\"}", "observation without a call");
    broken("sharegpt", "{\"conversations\":[{\"from\":\"human\",\"value\":\"q\"},{\"from\":\"gpt\",\"value\":\"a\"}],\"system\":\"\",\"tools\":[{\"name\":\"f\"}]}", "tools not a JSON string");
  }

  @Test
  void shareGptDescribesEverySplitFileInDatasetInfo() {
    Exporter sharegpt = Exporters.byName("sharegpt").orElseThrow();
    Map<String, JsonNode> files = sharegpt.extraFiles(Map.of(
        "train", new Exporter.SplitFile("train.jsonl", 8), "test", new Exporter.SplitFile("test.jsonl", 2)));
    assertThat(files).containsOnlyKeys("dataset_info.json");
    JsonNode info = files.get("dataset_info.json");
    assertThat(Json.write(info)).isEqualTo("{\"tracemill_test\":{\"file_name\":\"test.jsonl\",\"formatting\":\"sharegpt\","
        + "\"columns\":{\"messages\":\"conversations\",\"system\":\"system\",\"tools\":\"tools\"},"
        + "\"tags\":{\"role_tag\":\"from\",\"content_tag\":\"value\",\"user_tag\":\"human\",\"assistant_tag\":\"gpt\","
        + "\"observation_tag\":\"observation\",\"function_tag\":\"function_call\",\"system_tag\":\"system\"}},"
        + "\"tracemill_train\":{\"file_name\":\"train.jsonl\",\"formatting\":\"sharegpt\","
        + "\"columns\":{\"messages\":\"conversations\",\"system\":\"system\",\"tools\":\"tools\"},"
        + "\"tags\":{\"role_tag\":\"from\",\"content_tag\":\"value\",\"user_tag\":\"human\",\"assistant_tag\":\"gpt\","
        + "\"observation_tag\":\"observation\",\"function_tag\":\"function_call\",\"system_tag\":\"system\"}}}");
  }

  @Test
  void hfConversationsRejectsBrokenRows() {
    clean("hf-conversations", "{\"conversations\":[{\"role\":\"system\",\"content\":\"s\"},{\"role\":\"user\",\"content\":\"q\"},{\"role\":\"assistant\",\"content\":\"a\"}]}");
    broken("hf-conversations", "{\"conversations\":[{\"role\":\"user\",\"content\":\"q\"},{\"role\":\"tool\",\"content\":\"a\"}]}", "tool role");
    broken("hf-conversations", "{\"conversations\":[{\"role\":\"user\",\"content\":\"q\"},{\"role\":\"user\",\"content\":\"q\"},{\"role\":\"assistant\",\"content\":\"a\"}]}", "broken alternation");
    broken("hf-conversations", "{\"conversations\":[{\"role\":\"user\",\"content\":\"q\"}]}", "missing assistant");
    broken("hf-conversations", "{\"conversations\":[{\"role\":\"user\",\"content\":\"q\"},{\"role\":\"assistant\",\"content\":\"a\"},{\"role\":\"system\",\"content\":\"s\"},{\"role\":\"user\",\"content\":\"q\"},{\"role\":\"assistant\",\"content\":\"a\"}]}", "system mid conversation");
    broken("hf-conversations", "{\"conversations\":[{\"from\":\"human\",\"value\":\"q\"},{\"role\":\"assistant\",\"content\":\"a\"}]}", "sharegpt keys");
  }

  @Test
  void vertexRejectsBrokenRows() {
    clean("vertex", "{\"systemInstruction\":{\"parts\":[{\"text\":\"s\"}]},\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"q\"}]},{\"role\":\"model\",\"parts\":[{\"functionCall\":{\"name\":\"f\",\"args\":{}}}]},{\"role\":\"user\",\"parts\":[{\"functionResponse\":{\"name\":\"f\",\"response\":{\"output\":\"r\"}}}]},{\"role\":\"model\",\"parts\":[{\"text\":\"a\"}]}],\"tools\":[{\"functionDeclarations\":[{\"name\":\"f\",\"parameters\":{\"type\":\"OBJECT\",\"properties\":{\"x\":{\"type\":\"STRING\"}}}}]}]}");
    broken("vertex", "{\"contents\":[{\"role\":\"assistant\",\"parts\":[{\"text\":\"a\"}]}]}", "wrong role");
    broken("vertex", "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"q\"}]},{\"role\":\"user\",\"parts\":[{\"text\":\"q\"}]},{\"role\":\"model\",\"parts\":[{\"text\":\"a\"}]}]}", "same role twice");
    broken("vertex", "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"q\"}]}]}", "last is not model");
    broken("vertex", "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"q\"}]},{\"role\":\"model\",\"parts\":[{\"functionCall\":{\"name\":\"f\",\"args\":\"{}\"}}]}]}", "args as a string");
    broken("vertex", "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"q\"}]},{\"role\":\"model\",\"parts\":[{\"functionCall\":{\"name\":\"f\",\"args\":{}}}]},{\"role\":\"user\",\"parts\":[{\"functionResponse\":{\"name\":\"g\",\"response\":{}}}]},{\"role\":\"model\",\"parts\":[{\"text\":\"a\"}]}]}", "response for a call not made");
    broken("vertex", "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"q\"}]},{\"role\":\"model\",\"parts\":[{\"functionCall\":{\"name\":\"f\",\"args\":{}}}]},{\"role\":\"user\",\"parts\":[{\"functionResponse\":{\"name\":\"f\",\"response\":\"r\"}}]},{\"role\":\"model\",\"parts\":[{\"text\":\"a\"}]}]}", "response not an object");
    broken("vertex", "{\"contents\":[{\"role\":\"user\",\"parts\":[]},{\"role\":\"model\",\"parts\":[{\"text\":\"a\"}]}]}", "empty parts");
    broken("vertex", "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"q\"}]},{\"role\":\"model\",\"parts\":[{\"text\":\"a\"}]}],\"tools\":[{\"functionDeclarations\":[{\"name\":\"f\",\"parameters\":{\"type\":\"OBJECT\",\"additionalProperties\":false}}]}]}", "unsupported schema key");
    broken("vertex", "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"q\"}]},{\"role\":\"model\",\"parts\":[{\"text\":\"a\"}]}],\"tools\":[{\"functionDeclarations\":[{\"name\":\"9 bad name\"}]}]}", "invalid function name");
  }
}
