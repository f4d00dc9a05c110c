package vn.lgsp.hub.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** Rows of {@code exchange_record} and {@code exchange_chain_seal} to and from Java, time in UTC. */
final class RecordRows {

  private RecordRows() {}

  static ExchangeRecord map(ResultSet rs, int row) throws SQLException {
    long seq = rs.getLong("chain_seq");
    ExchangeRecord.ChainLink chain = rs.wasNull()
        ? null
        : new ExchangeRecord.ChainLink(seq, rs.getString("prev_hash"), rs.getString("record_hash"));
    return ExchangeRecord.builder()
        .id(rs.getObject("id", UUID.class))
        .kind(rs.getString("kind"))
        .messageId(rs.getString("message_id"))
        .clientId(rs.getString("client_id"))
        .claimedClientId(rs.getString("claimed_client_id"))
        .serviceId(rs.getString("service_id"))
        .userId(rs.getString("user_id"))
        .issue(rs.getString("issue"))
        .method(rs.getString("method"))
        .path(rs.getString("path"))
        .status(rs.getInt("status"))
        .errorType(rs.getString("error_type"))
        .requestSize(rs.getLong("request_size"))
        .responseSize(rs.getLong("response_size"))
        .requestInAt(instant(rs, "request_in_at"))
        .requestOutAt(instant(rs, "request_out_at"))
        .responseInAt(instant(rs, "response_in_at"))
        .responseOutAt(instant(rs, "response_out_at"))
        .requestHash(rs.getString("request_hash"))
        .responseHash(rs.getString("response_hash"))
        .subjectHash(rs.getString("subject_hash"))
        .traceparent(rs.getString("traceparent"))
        .covertUntil(rs.getObject("covert_until", LocalDate.class))
        .actor(rs.getString("actor"))
        .action(rs.getString("action"))
        .reason(rs.getString("reason"))
        .chain(chain)
        .build();
  }

  static Seal seal(ResultSet rs, int row) throws SQLException {
    return new Seal(rs.getLong("up_to_seq"), rs.getString("head_hash"), instant(rs, "sealed_at"),
        rs.getString("key_id"), rs.getString("signature"));
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  static OffsetDateTime utc(Instant t) {
    return t == null ? null : OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
  }

}
