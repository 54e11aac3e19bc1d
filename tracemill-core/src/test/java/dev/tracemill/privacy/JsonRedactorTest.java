package dev.tracemill.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tracemill.model.Json;
import org.junit.jupiter.api.Test;

class JsonRedactorTest {
  private static final JsonRedactor JSON = new JsonRedactor(DetectorSet.defaults(new PrivacyOptions("US")),
      new Redactor());

  @Test
  void stringValuesAreRedactedAndTheJsonStaysValidWithItsLayout() {
    String args = "{\n  \"to\": \"jane.roe@qzxmail.io\",\n  \"subject\": \"Hi \\\"team\\\"\",\n  \"cc\": [\"bo@qzx.io\"]\n}";
    String out = JSON.redactText(args, Where.TOOL_ARGUMENTS, RedactionContext.forUnit("u"));
    JsonNode parsed = Json.tryParse(out);
    assertThat(parsed).isNotNull();
    assertThat(parsed.get("to").asText()).matches("[a-z]+\\.[a-z]+@example\\.(com|org|net)");
    assertThat(parsed.get("cc").get(0).asText()).matches("[a-z]+\\.[a-z]+@example\\.(com|org|net)");
    // Unchanged strings keep their escapes and the layout is kept.
    assertThat(out).contains("\"subject\": \"Hi \\\"team\\\"\",\n  \"cc\": [\"").startsWith("{\n  \"to\": \"");
  }

  @Test
  void theJsonKeyIsContextForTheDetectors() {
    // A bare nine-digit number is only an SSN when something says so; here the key does.
    String out = JSON.redactText("{\"ssn\": \"123456789\", \"order\": \"123456789\"}", Where.TOOL_RESULT,
        RedactionContext.forUnit("u"));
    JsonNode parsed = Json.tryParse(out);
    assertThat(parsed.get("ssn").asText()).matches("666\\d{6}");
    assertThat(parsed.get("order").asText()).isEqualTo("123456789");
  }

  @Test
  void aPhoneStoredAsANumberStaysANumberOfTheSameShape() {
    String out = JSON.redactText("{\"phone\": 4158675309, \"count\": 3, \"ratio\": 0.5}", Where.TOOL_RESULT,
        RedactionContext.forUnit("u"));
    JsonNode parsed = Json.tryParse(out);
    assertThat(parsed.get("phone").isIntegralNumber()).isTrue();
    assertThat(parsed.get("phone").asText()).matches("[2-9]\\d\\d55501\\d\\d");
    assertThat(parsed.get("count").asInt()).isEqualTo(3);
    assertThat(out).endsWith("\"count\": 3, \"ratio\": 0.5}");
  }

  @Test
  void aNumberWhoseReplacementIsNotAnIntegerBecomesAString() {
    JsonRedactor tags = new JsonRedactor(DetectorSet.defaults(new PrivacyOptions("US")),
        new Redactor(RedactionPolicy.defaults().withStyle(RedactionStyle.TAG)));
    String out = tags.redactText("{\"card\": 4556737586899855}", Where.TOOL_RESULT, RedactionContext.forUnit("u"));
    assertThat(Json.tryParse(out).get("card").asText()).isEqualTo("<CREDIT_CARD_1>");
  }

  @Test
  void fieldNamesAreRedactedToo() {
    String out = JSON.redactText("{\"jane.roe@qzxmail.io\": {\"role\": \"admin\"}}", Where.TOOL_RESULT,
        RedactionContext.forUnit("u"));
    assertThat(out).doesNotContain("qzxmail").contains("\"role\": \"admin\"");
    assertThat(Json.tryParse(out)).isNotNull();
  }

  @Test
  void theTreeWalkGivesTheSameValuesAsTheTextWalk() {
    String args = "{\"to\":\"jane.roe@qzxmail.io\",\"phone\":4158675309,\"list\":[{\"ip\":\"10.1.2.3\"}],\"n\":null}";
    String viaText = JSON.redactText(args, Where.TOOL_ARGUMENTS, RedactionContext.forUnit("u"));
    JsonNode viaTree = JSON.redact(Json.tryParse(args), Where.TOOL_ARGUMENTS, RedactionContext.forUnit("u"));
    assertThat(viaTree).isEqualTo(Json.tryParse(viaText));
    assertThat(Json.tryParse(args).get("to").asText()).isEqualTo("jane.roe@qzxmail.io");
  }

  @Test
  void textThatIsNotJsonIsLeftToThePlainTextPath() {
    assertThat(JSON.redactText("mail jane.roe@qzxmail.io", Where.TOOL_RESULT, RedactionContext.forUnit("u"))).isNull();
    assertThat(JSON.redactText("{\"a\": 1} trailing", Where.TOOL_RESULT, RedactionContext.forUnit("u"))).isNull();
  }

  @Test
  void aPrivateKeyInAToolResultMarksTheUnitForDropping() {
    String pem = "-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj"
        + "\\nMzEfYyjiWA4R4/M2bS1GB4t7NXp98C3SC6dVMvDuictGeurT8jNbvJZHtCSuYEvu\\n-----END PRIVATE KEY-----";
    RedactionContext ctx = RedactionContext.forUnit("u");
    String out = JSON.redactText("{\"content\": \"" + pem + "\"}", Where.TOOL_RESULT, ctx);
    assertThat(ctx.dropReasons()).containsExactly("contains_private_key");
    assertThat(Json.tryParse(out).get("content").asText()).isEqualTo("[REDACTED]");
  }
}
