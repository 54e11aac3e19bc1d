package dev.tracemill.capture.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tracemill.capture.CallError;
import dev.tracemill.capture.LlmCall;
import dev.tracemill.capture.Message;
import dev.tracemill.capture.ToolCall;
import dev.tracemill.capture.ToolDefinition;
import dev.tracemill.capture.TrainingDataLogger;
import dev.tracemill.model.Json;
import dev.tracemill.pipeline.Pipeline;
import dev.tracemill.pipeline.RunConfig;
import dev.tracemill.privacy.DetectorSet;
import dev.tracemill.privacy.PiiKey;
import dev.tracemill.privacy.PrivacyOptions;
import dev.tracemill.privacy.RedactionPolicy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivacyRedactorTest {
  static final String EMAIL = "maria.gonzalez@gmail.com";
  static final String PHONE = "+1 650-253-0172";
  static final String CARD = "4539 1488 0343 6467";

  @TempDir Path dir;

  static LlmCall callWithPersonalData() {
    return LlmCall.builder("support")
        .messages(List.of(
            Message.system("You help customers of Acme. Escalations go to " + EMAIL + "."),
            Message.user("I am Maria Gonzalez, call me at " + PHONE + ", my card " + CARD + " was charged twice."),
            Message.assistant(null, List.of(ToolCall.of("c1", "lookup_customer",
                "{\"email\": \"" + EMAIL + "\", \"phone\": \"" + PHONE + "\"}"))),
            Message.tool("c1", "{\"customer\": {\"email\": \"" + EMAIL + "\", \"id\": 17}}")))
        .response("Thanks Maria, I will refund the charge on card " + CARD + ".")
        .error(CallError.of("refund failed for " + EMAIL))
        .metadata(Map.of("user_email", EMAIL, "ticket", 4711, "contacts", List.of(EMAIL)))
        .build();
  }

  @Test
  void noDetectedValueReachesTheFileAndJsonStaysJson() throws Exception {
    Path file = dir.resolve("calls.jsonl");
    PrivacyRedactor redactor = PrivacyRedactor.defaults();
    try (TrainingDataLogger log = TrainingDataLogger.builder(file).redactor(redactor).build()) {
      log.log(callWithPersonalData());
    }
    String text = Files.readString(file, StandardCharsets.UTF_8);
    assertThat(text).doesNotContain(EMAIL, "maria.gonzalez", PHONE, "253-0172", CARD, "0343 6467");
    JsonNode row = Json.MAPPER.readTree(text);
    JsonNode args = Json.MAPPER.readTree(row.at("/messages/2/tool_calls/0/function/arguments").asText());
    assertThat(args.get("email").asText()).contains("@").isNotEqualTo(EMAIL);
    JsonNode result = Json.MAPPER.readTree(row.at("/messages/3/content").asText());
    assertThat(result.at("/customer/id").asInt()).isEqualTo(17);
    // One context per call: the e-mail has one surrogate everywhere in the call.
    assertThat(row.at("/metadata/user_email").asText()).isEqualTo(args.get("email").asText())
        .isEqualTo(result.at("/customer/email").asText());
    assertThat(row.at("/metadata/ticket").asInt()).isEqualTo(4711);
    assertThat(redactor.counts()).containsKeys("EMAIL", "PHONE", "CREDIT_CARD");
  }

  @Test
  void toolDescriptionsAndSchemasAreRedactedAndNamesKept() {
    Map<String, Object> parameters = Map.of("type", "object", "properties", Map.of("to", Map.of("type", "string",
        "description", "Recipient, e.g. " + EMAIL, "default", EMAIL)));
    LlmCall call = LlmCall.builder("t").messages(List.of(Message.user("mail the report")))
        .tools(List.of(ToolDefinition.of("send_mail", "Sends mail; escalations go to " + EMAIL, parameters)))
        .build();
    LlmCall out = PrivacyRedactor.defaults().redact(call);
    ToolDefinition tool = out.tools().get(0);
    assertThat(tool.name()).isEqualTo("send_mail");
    assertThat(tool.description()).startsWith("Sends mail; escalations go to ").doesNotContain(EMAIL);
    assertThat(Json.write(Json.MAPPER.valueToTree(tool.parameters()))).doesNotContain(EMAIL)
        .contains("\"type\":\"object\"", "\"to\"");
  }

  @Test
  void withACorpusKeyTheSameValueGetsTheSameSurrogateInEveryCall() throws Exception {
    PiiKey key = PiiKey.of("a test key of at least sixteen bytes");
    PrivacyRedactor redactor = new PrivacyRedactor(DetectorSet.defaults(PrivacyOptions.defaults()),
        RedactionPolicy.defaults(), key);
    LlmCall a = redactor.redact(LlmCall.builder("t").messages(List.of(Message.user("mail " + EMAIL))).build());
    LlmCall b = redactor.redact(LlmCall.builder("t").messages(List.of(Message.user("to " + EMAIL))).build());
    assertThat(a.messages().get(0).content().substring(5)).isEqualTo(b.messages().get(0).content().substring(3))
        .isNotEqualTo(EMAIL);
    assertThat(redactor.toString()).doesNotContain("test key");
  }

  @Test
  void aRedactedCaptureFilePassesTracemillRunAndItsLeakGate() throws Exception {
    Path file = dir.resolve("calls.jsonl");
    try (TrainingDataLogger log = TrainingDataLogger.builder(file).redactor(PrivacyRedactor.defaults()).build()) {
      log.log(callWithPersonalData());
      log.log("chat", List.of(Message.user("My email is " + EMAIL)), "Noted, " + EMAIL + ".");
    }
    var result = Pipeline.run(RunConfig.builder().input(file.toString()).out(dir.resolve("out")).build(), null);
    assertThat(result.report().at("/inputs/0/format").asText()).isEqualTo("logger");
    assertThat(result.report().at("/records/input").asInt()).isEqualTo(2);
    assertThat(result.report().at("/pii/residual").asInt()).isZero();
    assertThat(Files.readString(dir.resolve("out/sft/trl/train.jsonl"))).doesNotContain(EMAIL);
  }
}
