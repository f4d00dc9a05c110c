package vn.lgsp.hub.audit.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import vn.lgsp.hub.audit.chain.RecordRows;
import vn.lgsp.hub.audit.record.ExchangeRecord;
import vn.lgsp.hub.protocol.TraceContext;

/**
 * Operational monitoring data in the manner of X-Road's {@code getSecurityServerOperationalData}:
 * per-exchange metadata, never payloads or personal IDs, read forward from a cursor. The cursor
 * ({@code recordsFrom} / {@code nextRecordsFrom}) is a position in the chain, so paging never
 * skips or repeats a record even when records arrive out of time order.
 */
@Repository
public class OperationalData {

  /** One exchange as monitoring sees it; timestamps in epoch milliseconds, as in X-Road. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record OperationalRecord(
      Long recordSeq, String messageId, String clientId, String serviceId, String messageUserId,
      String messageIssue, Long requestInTs, Long requestOutTs, Long responseInTs, Long responseOutTs,
      long requestSize, long responseSize, int statusCode, boolean succeeded, String faultCode, String traceId) {

    /** The record as its own client sees it: without its chain position. */
    public OperationalRecord withoutPosition() {
      return new OperationalRecord(null, messageId, clientId, serviceId, messageUserId, messageIssue, requestInTs,
          requestOutTs, responseInTs, responseOutTs, requestSize, responseSize, statusCode, succeeded, faultCode,
          traceId);
    }
  }

  /** A page of records and where the next page starts. */
  public record Page(List<OperationalRecord> records, long nextRecordsFrom) {}

  private final JdbcTemplate jdbc;

  public OperationalData(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * A page for the query parameters {@code recordsFrom} (default 1) and {@code limit} (1-1000,
   * default 100), of one client if given; other parameters than {@code allowed} are refused.
   */
  public Page read(Map<String, String> params, String clientId, Set<String> allowed) {
    LogFilters.refuseUnknown(params, allowed);
    long from;
    try {
      from = Long.parseLong(params.getOrDefault("recordsFrom", "1"));
    } catch (NumberFormatException e) {
      throw LogFilters.invalid("recordsFrom", "whole-number");
    }
    if (from < 0) {
      throw LogFilters.invalid("recordsFrom", "not-negative");
    }
    return read(from, clientId, LogFilters.integer("limit", params.getOrDefault("limit", "100"), 1, 1000));
  }

  /** Up to {@code limit} exchanges from chain position {@code recordsFrom} on; of one client if given. */
  public Page read(long recordsFrom, String clientId, int limit) {
    List<Object> args = new ArrayList<>(List.of(recordsFrom));
    String client = "";
    if (clientId != null) {
      client = " AND client_id = ?";
      args.add(clientId);
    }
    args.add(limit);
    List<OperationalRecord> records = jdbc.query("SELECT " + RecordRows.COLUMNS + " FROM exchange_record"
        + " WHERE kind = 'exchange' AND chain_seq >= ?" + client + " ORDER BY chain_seq LIMIT ?",
        (rs, i) -> operational(RecordRows.map(rs, i)), args.toArray());
    long next = records.isEmpty() ? recordsFrom : records.get(records.size() - 1).recordSeq() + 1;
    return new Page(records, next);
  }

  private static OperationalRecord operational(ExchangeRecord r) {
    return new OperationalRecord(r.chain().seq(), r.messageId(), r.clientId(), r.serviceId(), r.userId(), r.issue(),
        millis(r.requestInAt()), millis(r.requestOutAt()), millis(r.responseInAt()), millis(r.responseOutAt()),
        r.requestSize(), r.responseSize(), r.status(), r.status() < 500, r.errorType(),
        r.traceparent() == null ? null : TraceContext.traceId(r.traceparent()));
  }

  private static Long millis(Instant t) {
    return t == null ? null : t.toEpochMilli();
  }
}
