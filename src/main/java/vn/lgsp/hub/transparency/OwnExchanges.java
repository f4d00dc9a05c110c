package vn.lgsp.hub.transparency;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;
import vn.lgsp.hub.audit.AuditProperties;
import vn.lgsp.hub.audit.ExchangeLogQuery;
import vn.lgsp.hub.audit.LogFilters;
import vn.lgsp.hub.audit.OperationalData;
import vn.lgsp.hub.engine.ExchangeContext;
import vn.lgsp.hub.engine.RequestParameters;

/**
 * {@code GET /consumer/api/exchanges} and {@code /consumer/api/monitoring/records}: a consumer
 * searches its own exchange records, or reads its operational data, with the same filters as an
 * operator, except that the client is always the caller. No parameter reaches another consumer's
 * records.
 */
@Component
public class OwnExchanges {

  private static final Set<String> ALLOWED;

  static {
    Set<String> allowed = new HashSet<>(LogFilters.SEARCH);
    allowed.remove("client");
    allowed.remove("kind");
    allowed.add("page");
    allowed.add("size");
    ALLOWED = Set.copyOf(allowed);
  }

  private final ExchangeLogQuery query;
  private final LogFilters filters;
  private final OperationalData operational;
  private final int maxPageSize;

  public OwnExchanges(ExchangeLogQuery query, LogFilters filters, OperationalData operational, AuditProperties audit) {
    this.query = query;
    this.filters = filters;
    this.operational = operational;
    this.maxPageSize = audit.maxQueryPageSize();
  }

  /** {@code GET /consumer/api/monitoring/records?recordsFrom=&limit=}: the caller's operational data. */
  public OperationalData.Page monitoring(Exchange exchange) {
    return operational.read(RequestParameters.queryParameters(exchange), ExchangeContext.of(exchange).client().toString(),
        Set.of("recordsFrom", "limit"));
  }

  public ExchangeLogQuery.Page search(Exchange exchange) {
    Map<String, String> params = RequestParameters.queryParameters(exchange);
    LogFilters.Paging paging = LogFilters.Paging.of(params, maxPageSize);
    ExchangeLogQuery.Filter filter = filters.parse(params, ALLOWED)
        .withClient(ExchangeContext.of(exchange).client().toString());
    return query.find(filter, paging.page(), paging.size());
  }
}
