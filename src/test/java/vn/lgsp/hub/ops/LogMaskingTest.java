package vn.lgsp.hub.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.json.JsonWriter;

/** JSON log lines mask ID-like digit runs in free text, and keep the ids operators search for. */
class LogMaskingTest {

  @Test
  @SuppressWarnings({"unchecked", "rawtypes"})
  void messagesAndStackTracesAreMaskedContextIdsAreNot() {
    JsonWriter<String> writer = JsonWriter.of(members -> {
      members.add("message", m -> "lookup of " + m + " failed");
      members.add("error").usingMembers(error -> error.add("stack_trace", m -> "at x(" + m + ")"));
      members.add("traceId", m -> "4bf92f3577b34da6123456789e0e4736");
      new LogMasking().customize((JsonWriter.Members) members);
    });
    String line = writer.writeToString("001085000123");
    assertThat(line).doesNotContain("001085000123")
        .contains("\"message\":\"lookup of ######### failed\"")
        .contains("\"stack_trace\":\"at x(#########)\"")
        .contains("\"traceId\":\"4bf92f3577b34da6123456789e0e4736\"");
  }

  /** Boot 4's ECS lines hold arrays, whose elements have no name: they are written, not a failure. */
  @Test
  @SuppressWarnings({"unchecked", "rawtypes"})
  void arraysAreWrittenAsTheyAre() {
    JsonWriter<String> writer = JsonWriter.of(members -> {
      members.add("message", m -> "lookup of " + m + " failed");
      members.add("tags", m -> java.util.List.of("hub", m));
      new LogMasking().customize((JsonWriter.Members) members);
    });
    assertThat(writer.writeToString("001085000123"))
        .contains("\"message\":\"lookup of ######### failed\"")
        .contains("\"tags\":[\"hub\",\"001085000123\"]");
  }
}
