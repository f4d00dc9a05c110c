package vn.lgsp.hub.audit.chain;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.UUID;
import java.util.stream.Collectors;
import vn.lgsp.hub.audit.record.ExchangeRecord;
import vn.lgsp.hub.audit.record.RecordField;

/** Rows of {@code exchange_record} and {@code exchange_chain_seal} to and from Java, time in UTC. */
public final class RecordRows {

  /** The columns {@link #map} reads and the writer's COPY fills, the chain link last. */
  public static final String COLUMNS = Arrays.stream(RecordField.values()).map(f -> f.column)
      .collect(Collectors.joining(", ", "", ", chain_seq, prev_hash, record_hash"));

  private RecordRows() {}

  public static ExchangeRecord map(ResultSet rs, int row) throws SQLException {
    long seq = rs.getLong("chain_seq");
    ExchangeRecord.ChainLink chain = rs.wasNull()
        ? null
        : new ExchangeRecord.ChainLink(seq, rs.getString("prev_hash"), rs.getString("record_hash"));
    ExchangeRecord.Builder b = ExchangeRecord.builder();
    for (RecordField f : RecordField.values()) {
      f.set(b, value(rs, f));
    }
    return b.chain(chain).build();
  }

  private static Object value(ResultSet rs, RecordField f) throws SQLException {
    return switch (f.type) {
      case TEXT -> rs.getString(f.column);
      case UUID -> rs.getObject(f.column, UUID.class);
      case INT -> rs.getInt(f.column);
      case LONG -> rs.getLong(f.column);
      case INSTANT -> instant(rs, f.column);
      case DATE -> rs.getObject(f.column, LocalDate.class);
    };
  }

  static Seal seal(ResultSet rs, int row) throws SQLException {
    return new Seal(rs.getLong("up_to_seq"), rs.getString("head_hash"), instant(rs, "sealed_at"),
        rs.getString("key_id"), rs.getString("signature"));
  }

  public static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  public static OffsetDateTime utc(Instant t) {
    return t == null ? null : OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
  }

}
