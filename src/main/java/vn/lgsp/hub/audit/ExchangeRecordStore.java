package vn.lgsp.hub.audit;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/** Writes exchange records to PostgreSQL, idempotently: a redelivered record is stored once. */
@Repository
public class ExchangeRecordStore {

  private static final String INSERT =
      """
      INSERT INTO exchange_record (id, message_id, client_id, service_id, user_id, issue, method,
          path, status, error_type, request_size, response_size, request_in_at, request_out_at,
          response_in_at, response_out_at, request_hash, response_hash, subject_hash)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (id) DO NOTHING
      """;

  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;

  public ExchangeRecordStore(JdbcTemplate jdbc, TransactionTemplate tx) {
    this.jdbc = jdbc;
    this.tx = tx;
  }

  /** Stores the batch in one transaction. */
  public void storeAll(List<ExchangeRecord> records) {
    tx.executeWithoutResult(
        status -> jdbc.batchUpdate(INSERT, records, records.size(), ExchangeRecordStore::bind));
  }

  private static void bind(PreparedStatement ps, ExchangeRecord r) throws SQLException {
    ps.setObject(1, r.id());
    ps.setString(2, r.messageId());
    ps.setString(3, r.clientId());
    ps.setString(4, r.serviceId());
    ps.setString(5, r.userId());
    ps.setString(6, r.issue());
    ps.setString(7, r.method());
    ps.setString(8, r.path());
    ps.setInt(9, r.status());
    ps.setString(10, r.errorType());
    ps.setLong(11, r.requestSize());
    ps.setLong(12, r.responseSize());
    setInstant(ps, 13, r.requestInAt());
    setInstant(ps, 14, r.requestOutAt());
    setInstant(ps, 15, r.responseInAt());
    setInstant(ps, 16, r.responseOutAt());
    ps.setString(17, r.requestHash());
    ps.setString(18, r.responseHash());
    ps.setString(19, r.subjectHash());
  }

  private static void setInstant(PreparedStatement ps, int index, Instant value)
      throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
    } else {
      ps.setTimestamp(index, Timestamp.from(value));
    }
  }
}
