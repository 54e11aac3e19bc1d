package dev.tracemill.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracemill.model.Json;
import dev.tracemill.model.SourceRef;
import org.junit.jupiter.api.Test;

class OpenAiSessionTest {
  private static final String RESPONSE = "\"response\": {\"object\": \"chat.completion\", \"choices\": "
      + "[{\"index\": 0, \"message\": {\"role\": \"assistant\", \"content\": \"Hi\"}, \"finish_reason\": \"stop\"}]}";

  private static String session(String record) throws Exception {
    return OpenAiFormat.map(Json.MAPPER.readTree(record), new SourceRef("f.jsonl", 1)).session();
  }

  @Test
  void theSessionComesFromTheRecordItsMetadataOrTheRequestsOwnMetadata() throws Exception {
    String request = "\"request\": {\"model\": \"m\", \"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}]";
    assertThat(session("{" + request + "}, " + RESPONSE + ", \"session_id\": \"top\"}")).isEqualTo("top");
    assertThat(session("{" + request + "}, " + RESPONSE + ", \"metadata\": {\"conversation_id\": \"meta\"}}"))
        .isEqualTo("meta");
    assertThat(session("{" + request + ", \"metadata\": {\"thread_id\": \"req\"}}, " + RESPONSE + "}"))
        .isEqualTo("req");
    assertThat(session("{" + request + "}, " + RESPONSE + "}")).isNull();
  }
}
