package dev.tracemill.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracemill.model.AssistantMsg;
import dev.tracemill.model.Call;
import dev.tracemill.model.Event;
import dev.tracemill.model.Outcome;
import dev.tracemill.model.UserMsg;
import dev.tracemill.model.Usage;
import dev.tracemill.testing.SharedData;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Third-party files (OpenAI Cookbook, LangSmith SDK test data) read by our readers. */
class SharedFixturesTest {
  @Test
  void cookbookToyChatFileGivesFiveCallsAndKeepsTheRowWithoutUserTurn() throws IOException {
    Path file = SharedData.file("fixtures/openai-cookbook/toy_chat_fine_tuning.jsonl");
    assertThat(Formats.detect(new InputFile("toy.jsonl", file))).map(LogFormat::name).contains("chat");
    ReaderRun run = ReaderRun.of(new ChatFormat(), file);
    assertThat(run.quarantined).isEmpty();
    assertThat(run.calls).hasSize(5);
    Call second = run.calls.get(1);
    assertThat(second.prompt()).filteredOn(e -> e.kind() == Event.Kind.USER).hasSize(4);
    assertThat(((AssistantMsg) second.choices().get(0).get(0)).text()).isEqualTo("It's easy to learn!");
    Call noUser = run.calls.get(3);
    assertThat(noUser.prompt()).extracting(Event::kind).containsExactly(Event.Kind.SYSTEM);
    assertThat(((AssistantMsg) noUser.choices().get(0).get(0)).text()).isEqualTo("You're great!");
    assertThat(run.calls).allMatch(c -> c.outcome() == Outcome.UNKNOWN);
  }

  private static Call onlyCall(String name) throws IOException {
    Path file = SharedData.file("fixtures/langsmith/" + name);
    assertThat(Formats.detect(new InputFile(name, file))).map(LogFormat::name).contains("langsmith");
    ReaderRun run = ReaderRun.of(new LangSmithFormat(), file);
    assertThat(run.quarantined).isEmpty();
    assertThat(run.calls).hasSize(1);
    Call call = run.calls.get(0);
    assertThat(call.source().line()).as("line of the posted run object").isEqualTo(3);
    assertThat(call.outcome()).isEqualTo(Outcome.SUCCESS);
    assertThat(call.callType()).isEqualTo("ChatOpenAI");
    assertThat(call.choices()).hasSize(1);
    return call;
  }

  private static AssistantMsg answer(Call call) {
    List<Event> choice = call.choices().get(0);
    assertThat(choice).hasSize(1);
    return (AssistantMsg) choice.get(0);
  }

  @Test
  void langSmithDefaultRunIsCompletedByItsPatch() throws IOException {
    Call call = onlyCall("langsmith_js_wrap_openai_default.json");
    assertThat(call.prompt()).singleElement().isInstanceOfSatisfying(UserMsg.class,
        u -> assertThat(u.text()).isEqualTo("howdy"));
    AssistantMsg a = answer(call);
    assertThat(a.text()).isEqualTo("Howdy! How can I assist you today?");
    assertThat(a.meta().model()).isEqualTo("gpt-4o-mini-2024-07-18");
    assertThat(a.meta().usage()).isEqualTo(new Usage(9L, 9L, 18L));
    assertThat(a.meta().timestamp()).isEqualTo(Instant.ofEpochMilli(1728803137170L));
    assertThat(a.meta().latencyMs()).isEqualTo(1728803138285L - 1728803137170L);
    assertThat(a.meta().trace()).isEqualTo("dc34609e-3eeb-459d-bc2a-6fedb01d2e6e");
    assertThat(call.metadata()).containsEntry("ls_model_name", "gpt-4o-mini");
  }

  @Test
  void langSmithReasoningRunKeepsTheLongAnswerAndItsUsage() throws IOException {
    Call call = onlyCall("langsmith_js_wrap_openai_reasoning.json");
    assertThat(((UserMsg) call.prompt().get(0)).text()).startsWith("Write a bash script that takes a matrix");
    AssistantMsg a = answer(call);
    assertThat(a.text()).startsWith("Certainly! Below is a Bash script").contains("[1,3,5],[2,4,6]");
    assertThat(a.meta().model()).isEqualTo("o1-mini-2024-09-12");
    assertThat(a.meta().usage()).isEqualTo(new Usage(43L, 1901L, 1944L));
    assertThat(a.meta().latencyMs()).isEqualTo(10439L);
  }

  @Test
  void langSmithStreamedRunsReadTheFinishReasonFromTheLastChunk() throws IOException {
    Call withUsage = onlyCall("langsmith_js_wrap_openai_stream.json");
    AssistantMsg a = answer(withUsage);
    assertThat(a.text()).isEqualTo("Howdy! How can I assist you today?");
    assertThat(a.meta().attributes()).as("stop is a normal finish").isEmpty();
    assertThat(a.meta().usage()).isEqualTo(new Usage(9L, 9L, 18L));

    Call noUsage = onlyCall("langsmith_js_wrap_openai_stream_no_usage.json");
    AssistantMsg b = answer(noUsage);
    assertThat(b.text()).isEqualTo("Howdy! How can I assist you today?");
    assertThat(b.meta().usage().isUnknown()).isTrue();
    assertThat(b.meta().latencyMs()).isEqualTo(1728803137165L - 1728803136672L);
  }
}
