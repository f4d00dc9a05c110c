package vn.lgsp.hub.audit.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Records through the broker's wire format come back equal, and only records are accepted. */
class RecordCodecTest {

  @Test
  void aRecordSurvivesTheWireFormatExactly() throws IOException {
    Instant now = Instant.parse("2026-11-23T08:00:00.123456Z");
    ExchangeRecord record = ExchangeRecord.builder().messageId("m-1").clientId("VN/GOV/UBND-HN/MOTCUA")
        .claimedClientId("VN/GOV/UBND-HCM/MOTCUA").serviceId("VN/GOV/BCA/DANCU/citizen-info").issue("HS \"1\"\n\t\\")
        .method("GET").path("/r1/x").status(200).requestSize(1).responseSize(2).requestInAt(now)
        .requestOutAt(now.plusMillis(1)).responseInAt(now.plusMillis(2)).responseOutAt(now.plusMillis(3))
        .requestHash("rq").responseHash("rs").subjectHash("s").traceparent("00-a-b-01")
        .covertUntil(LocalDate.of(2031, 12, 31)).actor("operator").action("x").reason("why")
        .payload(new ExchangeRecord.CapturedPayload("k", "req", "res")).build();
    String wire = new String(RecordCodec.write(record), StandardCharsets.UTF_8);
    assertThat(RecordCodec.read(wire)).isEqualTo(record);
  }

  @Test
  void instantsWrittenAsTextByOtherToolsAreRead() throws IOException {
    ExchangeRecord r = RecordCodec.read("{\"id\":\"4bd2fce7-8e7b-4c55-8a19-a6e5a2b3d8a1\",\"messageId\":\"m\","
        + "\"method\":\"GET\",\"path\":\"/\",\"status\":200,\"requestInAt\":\"2026-11-23T08:00:00Z\",\"unknown\":[1,2]}");
    assertThat(r.requestInAt()).isEqualTo(Instant.parse("2026-11-23T08:00:00Z"));
    assertThat(r.kind()).isEqualTo(ExchangeRecord.EXCHANGE);
  }

  @Test
  void anythingElseIsRefused() {
    assertThatThrownBy(() -> RecordCodec.read("[1,2]")).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> RecordCodec.read("{\"id\":\"not-a-uuid\"}")).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> RecordCodec.read("{\"status\":\"two hundred\"}")).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> RecordCodec.read("{\"messageId\":{\"nested\":true}}")).isInstanceOf(IOException.class);
  }
}
