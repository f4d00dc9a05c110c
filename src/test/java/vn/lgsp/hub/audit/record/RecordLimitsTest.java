package vn.lgsp.hub.audit.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Collections;
import org.junit.jupiter.api.Test;
import vn.lgsp.hub.audit.AuditProperties;

/** A record is never refused for what a caller sent: what does not fit is shortened, hashed and flagged. */
class RecordLimitsTest {

  private final SubjectHasher hasher =
      new SubjectHasher(new AuditProperties("a-key-of-sixteen-chars", "q", "dlq", 10, 10, null, null, null));

  private static ExchangeRecord.Builder exchange() {
    Instant now = Instant.parse("2026-11-23T08:00:00Z");
    return ExchangeRecord.builder().messageId("m-1").method("GET").path("/r1/x").status(200)
        .requestInAt(now).responseOutAt(now);
  }

  @Test
  void aRecordThatFitsIsStoredAsItIs() {
    ExchangeRecord r = exchange().userId("VN001085000123").build();
    assertThat(RecordLimits.storable(r, hasher)).isSameAs(r);
  }

  @Test
  void aMaskedUserIdLongerThanItsColumnIsShortenedWithTheHashOfTheFullValue() {
    // 19 runs of 9 digits joined by dashes: 189 characters, 341 once each run is masked
    String userId = String.join("-", Collections.nCopies(19, "123456789"));
    String masked = hasher.maskIds(userId);
    assertThat(masked).hasSizeGreaterThan(RecordLimits.columnChars(RecordField.USER_ID));

    ExchangeRecord stored = RecordLimits.storable(exchange().userId(masked).build(), hasher);

    assertThat(stored.userId()).hasSize(RecordLimits.columnChars(RecordField.USER_ID)).endsWith(RecordLimits.CUT)
        .startsWith(masked.substring(0, 100));
    assertThat(stored.shortened()).isEqualTo("userId=" + masked.length() + ":" + hasher.hash(masked));
    assertThat(RecordLimits.storable(stored, hasher)).as("fitting again changes nothing").isEqualTo(stored);
  }

  @Test
  void everyTooLongFieldIsListed() {
    ExchangeRecord stored = RecordLimits.storable(exchange().path("/r1/" + "a".repeat(3000)).reason("r".repeat(600)).build(), hasher);
    assertThat(stored.path()).hasSize(2048);
    assertThat(stored.reason()).hasSize(512);
    assertThat(stored.shortened()).contains("path=3004:").contains("reason=600:");
  }

  @Test
  void nulAndUnpairedSurrogatesAreReplacedAndFlaggedPairsKept() {
    String hostile = "a\u0000b\uD800c\uDC00d\uD83D\uDE00";
    ExchangeRecord stored = RecordLimits.storable(exchange().issue(hostile).build(), hasher);
    assertThat(stored.issue()).isEqualTo("a\uFFFDb\uFFFDc\uFFFDd\uD83D\uDE00");
    assertThat(stored.shortened()).isEqualTo("issue=" + hostile.length() + ":" + hasher.hash(hostile));
  }

  @Test
  void aCutNeverSplitsASurrogatePair() {
    String emoji = "\uD83D\uDE00";
    String fitted = RecordLimits.fit("x".repeat(14) + emoji + "tail", 16);
    assertThat(fitted).isEqualTo("x".repeat(14) + RecordLimits.CUT);
    assertThat(fitted.chars().noneMatch(c -> Character.isSurrogate((char) c))).isTrue();
  }

  @Test
  void onlyARecordTheHubBuiltWronglyIsAFault() {
    assertThat(RecordLimits.faultIn(exchange().build())).isNull();
    assertThat(RecordLimits.faultIn(exchange().path("x".repeat(100_000)).userId("\u0000").build())).isNull();
    assertThat(RecordLimits.faultIn(exchange().messageId(null).build())).isEqualTo("a required field is missing");
    assertThat(RecordLimits.faultIn(exchange().status(42).build())).isEqualTo("status or size out of range");
  }
}
