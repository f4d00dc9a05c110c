package vn.lgsp.hub.audit.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import vn.lgsp.hub.audit.record.ExchangeRecord;
import vn.lgsp.hub.audit.record.RecordField;

/**
 * Every stored field is under the chain: a field added to the record but not to the canonical
 * form would be stored without being evidence, and this test names it.
 */
class ChainHashTest {

  @ParameterizedTest
  @EnumSource(RecordField.class)
  void changingAnyStoredFieldChangesTheHash(RecordField field) {
    ExchangeRecord.Builder record = ExchangeRecord.builder();
    String before = ChainHash.of(record.build(), 7, ChainHash.GENESIS);
    field.set(record, otherValue(field.type));
    assertThat(ChainHash.of(record.build(), 7, ChainHash.GENESIS)).isNotEqualTo(before);
  }

  /**
   * The canonical form of version 1 is frozen: a record without shortened fields hashes exactly as
   * before version 2 existed (the value below was computed by the version-1-only code), so the
   * chains written by earlier hubs still verify.
   */
  @Test
  void aRecordWithoutShortenedFieldsHashesAsInVersionOne() {
    assertThat(ChainHash.of(sample().build(), 42, ChainHash.GENESIS))
        .isEqualTo("60912448db719e95d5dfbb1e12cc3092117c3b4b3187b2b4a3718f0af128a973");
  }

  @Test
  void shortenedFieldsAreHashedInVersionTwo() {
    String v1 = ChainHash.of(sample().build(), 42, ChainHash.GENESIS);
    String a = ChainHash.of(sample().shortened("userId=341:aa").build(), 42, ChainHash.GENESIS);
    String b = ChainHash.of(sample().shortened("userId=341:ab").build(), 42, ChainHash.GENESIS);
    assertThat(a).isNotEqualTo(v1).isNotEqualTo(b);
  }

  private static ExchangeRecord.Builder sample() {
    return ExchangeRecord.builder().id(UUID.fromString("6f1c2a3e-0000-4000-8000-000000000001"))
        .messageId("m-1").clientId("VN/GOV/UBND-HN/MOTCUA").serviceId("VN/GOV/BCA/DANCU/citizen-info")
        .userId("VN#0123456789abcdef").issue("HS-2026-000123").method("GET")
        .path("/r1/VN/GOV/BCA/DANCU/citizen-info/#0123456789abcdef")
        .status(200).requestSize(0).responseSize(321)
        .requestInAt(Instant.parse("2026-11-23T08:00:00.000001Z")).responseOutAt(Instant.parse("2026-11-23T08:00:00.012345Z"))
        .requestHash("rq").responseHash("rs").subjectHash("s".repeat(64)).traceparent("00-a-b-01")
        .covertUntil(LocalDate.of(2030, 1, 1));
  }

  private static Object otherValue(RecordField.Type type) {
    return switch (type) {
      case TEXT -> "changed";
      case UUID -> UUID.randomUUID();
      case INT -> 418;
      case LONG -> 4096L;
      case INSTANT -> Instant.parse("2026-11-23T08:00:00.000001Z");
      case DATE -> LocalDate.of(2031, 12, 31);
    };
  }
}
