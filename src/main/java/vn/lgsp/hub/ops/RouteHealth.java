package vn.lgsp.hub.ops;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;
import vn.lgsp.hub.connectors.BackendProbe;
import vn.lgsp.hub.connectors.Connector;
import vn.lgsp.hub.connectors.ConnectorActivity;
import vn.lgsp.hub.connectors.ConnectorRegistry;
import vn.lgsp.hub.connectors.ResilienceFactory;
import vn.lgsp.hub.engine.Maintenance;
import vn.lgsp.hub.engine.TrafficStatistics;
import vn.lgsp.hub.catalog.HubRoutes;

/**
 * The health of a connector and of a route, as health indicators and the console show it. A
 * connector is down when its breaker is open or its backend refuses connections; a route is down
 * when its connector is, out of service when suspended. Neither takes the hub out of readiness.
 */
@Component
public class RouteHealth {

  private final ConnectorRegistry connectors;
  private final ResilienceFactory resilience;
  private final BackendProbe probe;
  private final ConnectorActivity activity;
  private final Maintenance maintenance;
  private final TrafficStatistics traffic;

  public RouteHealth(ConnectorRegistry connectors, ResilienceFactory resilience, BackendProbe probe,
      ConnectorActivity activity, Maintenance maintenance, TrafficStatistics traffic) {
    this.connectors = connectors;
    this.resilience = resilience;
    this.probe = probe;
    this.activity = activity;
    this.maintenance = maintenance;
    this.traffic = traffic;
  }

  public Health connector(String id) {
    Connector connector = connectors.get(id);
    CircuitBreaker breaker = resilience.breakers().circuitBreaker(id);
    Bulkhead bulkhead = resilience.bulkheads().bulkhead(id);
    boolean reachable = probe.reachable(connector);
    CircuitBreaker.State state = breaker.getState();
    boolean open = state == CircuitBreaker.State.OPEN || state == CircuitBreaker.State.FORCED_OPEN;
    ConnectorActivity.Last last = activity.last(id);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("provider", connector.descriptor().provider());
    details.put("breaker", state.name());
    details.put("failureRate", breaker.getMetrics().getFailureRate());
    details.put("bufferedCalls", breaker.getMetrics().getNumberOfBufferedCalls());
    details.put("reachable", reachable);
    details.put("lastSuccess", last.success());
    details.put("lastFailure", last.failure());
    details.put("availableConcurrentCalls", bulkhead.getMetrics().getAvailableConcurrentCalls());
    details.values().removeIf(v -> v == null);
    return Health.status(open || !reachable ? Status.DOWN : Status.UP).withDetails(details).build();
  }

  public Health route(HubRoutes.HubRoute route) {
    Map<String, Object> details = new LinkedHashMap<>();
    if (route.service() != null) {
      details.put("service", route.service());
    }
    Status status = Status.UP;
    var suspension = maintenance.ofRoute(route.routeId());
    if (suspension.isPresent()) {
      status = Status.OUT_OF_SERVICE;
      details.put("suspended", suspension.get());
    }
    if (route.connectorId() != null) {
      Health connector = connector(route.connectorId());
      details.put("connector", route.connectorId());
      details.put("breaker", connector.getDetails().get("breaker"));
      details.put("reachable", connector.getDetails().get("reachable"));
      if (connector.getStatus().equals(Status.DOWN) && status.equals(Status.UP)) {
        status = Status.DOWN;
      }
    }
    TrafficStatistics.Window recent = traffic.window(route.routeId(), 300);
    details.put("exchanges5m", recent.count());
    details.put("errorRate5m", recent.errorRate());
    details.put("p95Ms5m", recent.p95Ms());
    return Health.status(status).withDetails(details).build();
  }
}
