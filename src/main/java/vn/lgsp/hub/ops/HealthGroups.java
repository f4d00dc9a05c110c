package vn.lgsp.hub.ops;

import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vn.lgsp.hub.connectors.Connector;
import vn.lgsp.hub.connectors.ConnectorDescriptor;
import vn.lgsp.hub.connectors.ConnectorRegistry;
import vn.lgsp.hub.catalog.HubRoutes;

/** The health groups {@code routes} and {@code connectors}: named after their beans, as Spring does. */
@Configuration(proxyBeanMethods = false)
class HealthGroups {

  /** {@code /actuator/health/routes/<routeId>}: one indicator per route, read from the running routes. */
  @Bean
  HealthContributor routesHealthContributor(HubRoutes routes, RouteHealth health) {
    return new LiveHealthGroup<>(routes::all, HubRoutes.HubRoute::routeId, health::route);
  }

  /** {@code /actuator/health/connectors/<id>}: one indicator per backend (breaker, reachability, last calls). */
  @Bean
  HealthContributor connectorsHealthContributor(ConnectorRegistry connectors, RouteHealth health) {
    return new LiveHealthGroup<>(() -> connectors.all().stream().map(Connector::descriptor).toList(),
        ConnectorDescriptor::id, d -> health.connector(d.id()));
  }
}
