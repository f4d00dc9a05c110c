package vn.lgsp.hub.engine;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;
import vn.lgsp.hub.protocol.ProblemType;
import vn.lgsp.hub.exchange.ExchangeContext;
import vn.lgsp.hub.catalog.RouteConventions;

/**
 * The meter of every exchange: {@code hub.exchanges} (Prometheus {@code hub_exchanges_seconds}),
 * a latency histogram tagged with the service, the client, the HTTP status and the problem type.
 * Tags hold only identifiers the hub knows (a configured client, a published service, a problem
 * type), never caller text or personal IDs, so their number stays bounded.
 */
@Component
public class ExchangeMetrics {

  static final String UNKNOWN = "unknown";
  static final String NONE = "none";

  private record Key(String service, String client, int status, String error) {}

  /**
   * The service as a tag: a route's own service, or {@code metaservice/<route>} for directory calls
   * (whose path names a provider the caller chose), never text from the caller's path.
   */
  static String serviceTag(ExchangeContext c, String routeId) {
    if (c.metaservice()) {
      return "metaservice/" + routeId;
    }
    boolean known = c.service() != null && c.problem() != ProblemType.UNKNOWN_SERVICE && routeId != null
        && !RouteConventions.UNKNOWN_SERVICE_ROUTE.equals(routeId);
    return known ? c.service().toString() : UNKNOWN;
  }

  private final MeterRegistry meters;
  private final Map<Key, Timer> timers = new ConcurrentHashMap<>();

  public ExchangeMetrics(MeterRegistry meters) {
    this.meters = meters;
  }

  void record(ExchangeContext c, String routeId, int status, long nanos) {
    Key key = new Key(serviceTag(c, routeId), c.client() == null ? UNKNOWN : c.client().toString(),
        status, c.problem() == null ? NONE : c.problem().code());
    timers.computeIfAbsent(key, k -> Timer.builder("hub.exchanges")
        .description("exchanges answered by the hub, from request in to response out")
        .tag("service", k.service())
        .tag("client", k.client())
        .tag("status", Integer.toString(k.status()))
        .tag("error", k.error())
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofSeconds(30))
        .register(meters)).record(nanos, TimeUnit.NANOSECONDS);
  }
}
