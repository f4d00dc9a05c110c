package vn.lgsp.hub.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Reads the exchange log. Filters are bound parameters, never spliced into the SQL. */
@Repository
public class ExchangeLogQuery {

  /** Filters; null means "any". {@code from} is inclusive, {@code to} exclusive. */
  public record Filter(
      String messageId,
      String clientId,
      String serviceId,
      Integer status,
      Instant from,
      Instant to) {}

  public record Page(List<ExchangeRecord> items, int page, int size, long total) {}

  private static final String COLUMNS =
      "id, message_id, client_id, service_id, user_id, issue, method, path, status, error_type,"
          + " request_size, response_size, request_in_at, request_out_at, response_in_at,"
          + " response_out_at, request_hash, response_hash, subject_hash";

  private final JdbcTemplate jdbc;

  public ExchangeLogQuery(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public Page find(Filter filter, int page, int size) {
    List<Object> args = new ArrayList<>();
    String where = where(filter, args);
    Long total = jdbc.queryForObject("SELECT count(*) FROM exchange_record" + where, Long.class, args.toArray());
    args.add(size);
    args.add((long) page * size);
    List<ExchangeRecord> items =
        jdbc.query(
            "SELECT " + COLUMNS + " FROM exchange_record" + where
                + " ORDER BY request_in_at DESC, seq DESC LIMIT ? OFFSET ?",
            ExchangeLogQuery::map,
            args.toArray());
    return new Page(items, page, size, total == null ? 0 : total);
  }

  private static String where(Filter f, List<Object> args) {
    StringBuilder sql = new StringBuilder();
    add(sql, args, "message_id = ?", f.messageId());
    add(sql, args, "client_id = ?", f.clientId());
    add(sql, args, "service_id = ?", f.serviceId());
    add(sql, args, "status = ?", f.status());
    add(sql, args, "request_in_at >= ?", f.from() == null ? null : Timestamp.from(f.from()));
    add(sql, args, "request_in_at < ?", f.to() == null ? null : Timestamp.from(f.to()));
    return sql.toString();
  }

  private static void add(StringBuilder sql, List<Object> args, String condition, Object value) {
    if (value != null) {
      sql.append(args.isEmpty() ? " WHERE " : " AND ").append(condition);
      args.add(value);
    }
  }

  private static ExchangeRecord map(ResultSet rs, int row) throws SQLException {
    return new ExchangeRecord(
        rs.getObject("id", UUID.class),
        rs.getString("message_id"),
        rs.getString("client_id"),
        rs.getString("service_id"),
        rs.getString("user_id"),
        rs.getString("issue"),
        rs.getString("method"),
        rs.getString("path"),
        rs.getInt("status"),
        rs.getString("error_type"),
        rs.getLong("request_size"),
        rs.getLong("response_size"),
        instant(rs, "request_in_at"),
        instant(rs, "request_out_at"),
        instant(rs, "response_in_at"),
        instant(rs, "response_out_at"),
        rs.getString("request_hash"),
        rs.getString("response_hash"),
        rs.getString("subject_hash"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }
}
