package vn.lgsp.hub.audit.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import vn.lgsp.hub.audit.chain.RecordRows;
import vn.lgsp.hub.audit.record.ExchangeRecord;

/** Reads the exchange log. Filters are bound parameters, never spliced into the SQL. */
@Repository
public class ExchangeLogQuery {

  /**
   * Filters; null means "any". {@code from} is inclusive, {@code to} exclusive. {@code subjectHash}
   * is the keyed hash of a personal ID (the caller hashes it at query time); {@code requestHashes}
   * the stored forms of one {@code X-Road-Request-Hash} (keyed, and plain as older records hold it).
   */
  public record Filter(
      String messageId,
      String clientId,
      String serviceId,
      Integer status,
      String errorType,
      String issue,
      String subjectHash,
      String kind,
      Instant from,
      Instant to,
      List<String> requestHashes,
      String member) {

    public Filter withClient(String client) {
      return new Filter(messageId, client, serviceId, status, errorType, issue, subjectHash, kind, from, to, requestHashes,
          member);
    }

    public Filter withKind(String recordKind) {
      return new Filter(messageId, clientId, serviceId, status, errorType, issue, subjectHash, recordKind, from, to,
          requestHashes, member);
    }
  }

  public record Page(List<ExchangeRecord> items, int page, int size, long total) {}

  /** Time buckets of the statistics. */
  public enum Granularity {
    HOUR,
    DAY
  }

  /** Exchanges of one client, service and status in one time bucket, with latency in milliseconds. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Statistic(
      Instant bucket, String clientId, String serviceId, int status, long count,
      double avgMs, double p50Ms, double p95Ms, double p99Ms, double maxMs) {}

  /** One access to a person's data, as the data tracker shows it. */
  public record Usage(Instant at, String serviceId, String clientId, String issue) {}

  /** A page of usages, how many there are in all, and how many covert ones were left out. */
  public record Usages(long total, long hiddenCovert, List<Usage> items) {}

  /** Where the records of pushes of register events to subscribers (events.PushWorker) say they went. */
  public static final String PUSH_PATH = "/push/v1/";
  private static final String PUSH_PATHS = PUSH_PATH + "%";

  /**
   * What counts as a usage of a person's data: an answered exchange about them with a register's
   * service (the hub's own services, such as the composite or the tracker itself, only repeat or
   * describe those), or a register's event about them that a subscriber accepted (a push, any 2xx).
   */
  private static final String USAGE_WHERE = " FROM exchange_record WHERE subject_hash = ? AND kind = 'exchange'"
      + " AND (status = 200 OR (status BETWEEN 200 AND 299 AND path LIKE '" + PUSH_PATHS + "'))"
      + " AND service_id NOT LIKE 'VN/GOV/LGSP/HUB/%' AND request_in_at >= ? AND request_in_at < ?";

  private final JdbcTemplate jdbc;

  public ExchangeLogQuery(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Offset paging ends here; beyond, narrow the time range or read forward with the monitoring cursor. */
  public static final int MAX_OFFSET = 10_000;

  public Page find(Filter filter, int page, int size) {
    if ((long) page * size > MAX_OFFSET) {
      throw LogFilters.invalid("page", "max-offset", MAX_OFFSET);
    }
    List<Object> args = new ArrayList<>();
    String where = where(filter, args);
    Long total = jdbc.queryForObject("SELECT count(*) FROM exchange_record" + where, Long.class, args.toArray());
    args.add(size);
    args.add((long) page * size);
    List<ExchangeRecord> items =
        jdbc.query(
            "SELECT " + RecordRows.COLUMNS + " FROM exchange_record" + where
                + " ORDER BY request_in_at DESC, chain_seq DESC LIMIT ? OFFSET ?",
            RecordRows::map,
            args.toArray());
    return new Page(items, page, size, total == null ? 0 : total);
  }

  /** Usages of the person with this subject hash in {@code [from, to)}, newest first, covert ones hidden until due. */
  public Usages usages(String subjectHash, Instant from, Instant to, java.time.LocalDate today, int offset, int limit) {
    Object start = RecordRows.utc(from);
    Object end = RecordRows.utc(to);
    String visible = "(covert_until IS NULL OR covert_until <= ?)";
    long[] counts = jdbc.queryForObject("SELECT count(*) FILTER (WHERE " + visible + "),"
            + " count(*) FILTER (WHERE covert_until > ?)" + USAGE_WHERE,
        (rs, i) -> new long[] {rs.getLong(1), rs.getLong(2)}, today, today, subjectHash, start, end);
    List<Usage> items = jdbc.query("SELECT request_in_at, service_id, client_id, issue" + USAGE_WHERE + " AND " + visible
            + " ORDER BY request_in_at DESC, chain_seq DESC LIMIT ? OFFSET ?",
        (rs, i) -> new Usage(RecordRows.instant(rs, "request_in_at"), rs.getString("service_id"),
            rs.getString("client_id"), rs.getString("issue")),
        subjectHash, start, end, today, limit, offset);
    return new Usages(counts[0], counts[1], items);
  }

  /** Counts and latency percentiles of exchanges per bucket, client, service and status. */
  public List<Statistic> statistics(Filter filter, Granularity granularity) {
    List<Object> args = new ArrayList<>();
    args.add(granularity.name().toLowerCase());
    Filter exchanges = filter.withKind(ExchangeRecord.EXCHANGE);
    String where = where(exchanges, args);
    String latency = "extract(epoch FROM (response_out_at - request_in_at)) * 1000";
    return jdbc.query(
        "SELECT date_trunc(?, request_in_at AT TIME ZONE 'UTC') AS bucket, client_id, service_id, status, count(*) AS n,"
            + " avg(" + latency + ") AS avg_ms,"
            + " percentile_cont(0.5) WITHIN GROUP (ORDER BY " + latency + ") AS p50,"
            + " percentile_cont(0.95) WITHIN GROUP (ORDER BY " + latency + ") AS p95,"
            + " percentile_cont(0.99) WITHIN GROUP (ORDER BY " + latency + ") AS p99,"
            + " max(" + latency + ") AS max_ms"
            + " FROM exchange_record" + where
            + " GROUP BY 1, 2, 3, 4 ORDER BY 1 DESC, 2, 3, 4 LIMIT 10000",
        (rs, i) -> new Statistic(
            rs.getObject("bucket", java.time.LocalDateTime.class).toInstant(java.time.ZoneOffset.UTC),
            rs.getString("client_id"), rs.getString("service_id"), rs.getInt("status"), rs.getLong("n"),
            round(rs.getDouble("avg_ms")), round(rs.getDouble("p50")), round(rs.getDouble("p95")),
            round(rs.getDouble("p99")), round(rs.getDouble("max_ms"))),
        args.toArray());
  }

  private static double round(double ms) {
    return Math.round(ms * 100) / 100.0;
  }

  private static String where(Filter f, List<Object> args) {
    StringBuilder sql = new StringBuilder();
    int before = args.size();
    add(sql, args, before, "message_id = ?", f.messageId());
    add(sql, args, before, "client_id = ?", f.clientId());
    add(sql, args, before, "service_id = ?", f.serviceId());
    add(sql, args, before, "status = ?", f.status());
    add(sql, args, before, "error_type = ?", f.errorType());
    add(sql, args, before, "issue = ?", f.issue());
    add(sql, args, before, "subject_hash = ?", f.subjectHash());
    add(sql, args, before, "kind = ?", f.kind());
    add(sql, args, before, "request_in_at >= ?", RecordRows.utc(f.from()));
    add(sql, args, before, "request_in_at < ?", RecordRows.utc(f.to()));
    if (f.member() != null) {
      // a member's records: its subsystems' calls and the calls of its services (and actions on either)
      sql.append(args.size() == before ? " WHERE " : " AND ").append("(starts_with(client_id, ?) OR starts_with(service_id, ?))");
      args.add(f.member() + "/");
      args.add(f.member() + "/");
    }
    if (f.requestHashes() != null && !f.requestHashes().isEmpty()) {
      sql.append(args.size() == before ? " WHERE " : " AND ").append("request_hash IN (")
          .append(String.join(", ", java.util.Collections.nCopies(f.requestHashes().size(), "?"))).append(')');
      args.addAll(f.requestHashes());
    }
    return sql.toString();
  }

  private static void add(StringBuilder sql, List<Object> args, int before, String condition, Object value) {
    if (value != null) {
      sql.append(args.size() == before ? " WHERE " : " AND ").append(condition);
      args.add(value);
    }
  }
}
