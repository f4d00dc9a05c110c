package vn.lgsp.hub.transparency;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;
import vn.lgsp.hub.audit.AuditProperties;
import vn.lgsp.hub.audit.query.ExchangeLogQuery;
import vn.lgsp.hub.audit.query.LogFilters;
import vn.lgsp.hub.audit.query.OperationalData;
import vn.lgsp.hub.audit.record.ExchangeRecord;
import vn.lgsp.hub.exchange.ExchangeContext;
import vn.lgsp.hub.exchange.RequestParameters;

/**
 * {@code GET /consumer/api/exchanges} and {@code /consumer/api/monitoring/records}: a consumer
 * searches its own exchange records, or reads its operational data, with the same filters as an
 * operator, except that the client is always the caller. No parameter reaches another consumer's
 * records, and nothing in the answer counts the records of others: no chain position, no
 * operator-only fields, and the monitoring cursor is sealed ({@link ConsumerCursor}).
 */
@Component
public class OwnExchanges {

  static final Set<String> SEARCH_PARAMETERS;

  static final Set<String> MONITORING_PARAMETERS = Set.of("recordsFrom", "limit");

  static {
    Set<String> allowed = new HashSet<>(LogFilters.SEARCH);
    allowed.remove("client");
    allowed.remove("kind");
    allowed.add("page");
    allowed.add("size");
    SEARCH_PARAMETERS = Set.copyOf(allowed);
  }

  /** One of the caller's exchanges as the caller may see it. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record OwnRecord(
      UUID id, String messageId, String clientId, String claimedClientId, String serviceId, String userId,
      String issue, String method, String path, int status, String errorType, long requestSize, long responseSize,
      Instant requestInAt, Instant requestOutAt, Instant responseInAt, Instant responseOutAt, String requestHash,
      String responseHash, String traceparent) {

    static OwnRecord of(ExchangeRecord r) {
      return new OwnRecord(r.id(), r.messageId(), r.clientId(), r.claimedClientId(), r.serviceId(), r.userId(),
          r.issue(), r.method(), r.path(), r.status(), r.errorType(), r.requestSize(), r.responseSize(),
          r.requestInAt(), r.requestOutAt(), r.responseInAt(), r.responseOutAt(), r.requestHash(), r.responseHash(),
          r.traceparent());
    }
  }

  /** A page of the caller's records. */
  public record OwnPage(List<OwnRecord> items, int page, int size, long total) {}

  /** The caller's operational data and the sealed cursor of the next page. */
  public record OwnOperationalPage(List<OperationalData.OperationalRecord> records, String nextRecordsFrom) {}

  private final ExchangeLogQuery query;
  private final LogFilters filters;
  private final OperationalData operational;
  private final ConsumerCursor cursor;
  private final int maxPageSize;

  public OwnExchanges(ExchangeLogQuery query, LogFilters filters, OperationalData operational, ConsumerCursor cursor,
      AuditProperties audit) {
    this.query = query;
    this.filters = filters;
    this.operational = operational;
    this.cursor = cursor;
    this.maxPageSize = audit.maxQueryPageSize();
  }

  /** {@code GET /consumer/api/monitoring/records?recordsFrom=&limit=}: the caller's operational data. */
  public OwnOperationalPage monitoring(Exchange exchange) {
    Map<String, String> params = RequestParameters.queryParameters(exchange);
    LogFilters.refuseUnknown(params, MONITORING_PARAMETERS);
    String client = ExchangeContext.of(exchange).client().toString();
    long from = cursor.open(params.get("recordsFrom"), client);
    int limit = LogFilters.integer("limit", params.getOrDefault("limit", "100"), 1, 1000);
    OperationalData.Page page = operational.read(from, client, limit);
    return new OwnOperationalPage(page.records().stream().map(OperationalData.OperationalRecord::withoutPosition).toList(),
        cursor.seal(page.nextRecordsFrom(), client));
  }

  public OwnPage search(Exchange exchange) {
    Map<String, String> params = RequestParameters.queryParameters(exchange);
    LogFilters.Paging paging = LogFilters.Paging.of(params, maxPageSize);
    ExchangeLogQuery.Filter filter = filters.parse(params, SEARCH_PARAMETERS)
        .withClient(ExchangeContext.of(exchange).client().toString())
        .withKind(ExchangeRecord.EXCHANGE);
    ExchangeLogQuery.Page found = query.find(filter, paging.page(), paging.size());
    return new OwnPage(found.items().stream().map(OwnRecord::of).toList(), found.page(), found.size(), found.total());
  }
}
