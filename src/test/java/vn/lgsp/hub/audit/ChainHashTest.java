package vn.lgsp.hub.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

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
