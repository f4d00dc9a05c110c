package vn.lgsp.hub.ops;

import java.util.Iterator;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.NamedContributor;
import org.springframework.stereotype.Component;
import vn.lgsp.hub.connectors.Connector;
import vn.lgsp.hub.connectors.ConnectorRegistry;

/** {@code /actuator/health/connectors/<id>}: one indicator per backend (breaker, reachability, last calls). */
@Component
public class ConnectorsHealthContributor implements CompositeHealthContributor {

  private final ConnectorRegistry connectors;
  private final RouteHealth health;

  public ConnectorsHealthContributor(ConnectorRegistry connectors, RouteHealth health) {
    this.connectors = connectors;
    this.health = health;
  }

  @Override
  public HealthContributor getContributor(String name) {
    return connectors.all().stream().anyMatch(c -> c.descriptor().id().equals(name))
        ? (HealthIndicator) () -> health.connector(name)
        : null;
  }

  @Override
  public Iterator<NamedContributor<HealthContributor>> iterator() {
    return connectors.all().stream()
        .map(Connector::descriptor)
        .map(d -> NamedContributor.<HealthContributor>of(d.id(), (HealthIndicator) () -> health.connector(d.id())))
        .iterator();
  }
}
