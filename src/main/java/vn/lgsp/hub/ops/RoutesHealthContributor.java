package vn.lgsp.hub.ops;

import java.util.Iterator;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.NamedContributor;
import org.springframework.stereotype.Component;

/** {@code /actuator/health/routes/<routeId>}: one indicator per route, read from the running routes. */
@Component
public class RoutesHealthContributor implements CompositeHealthContributor {

  private final HubRoutes routes;
  private final RouteHealth health;

  public RoutesHealthContributor(HubRoutes routes, RouteHealth health) {
    this.routes = routes;
    this.health = health;
  }

  @Override
  public HealthContributor getContributor(String name) {
    return routes.find(name).map(r -> (HealthIndicator) () -> health.route(r)).orElse(null);
  }

  @Override
  public Iterator<NamedContributor<HealthContributor>> iterator() {
    return routes.all().stream()
        .map(r -> NamedContributor.<HealthContributor>of(r.routeId(), (HealthIndicator) () -> health.route(r)))
        .iterator();
  }
}
