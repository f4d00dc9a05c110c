package vn.lgsp.hub.ops;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;
import vn.lgsp.hub.engine.Maintenance;

/**
 * {@code maintenance}: out of service while the whole hub is in maintenance. Part of the readiness
 * group, so a load balancer drains a hub in maintenance.
 */
@Component
public class MaintenanceHealthIndicator implements HealthIndicator {

  private final Maintenance maintenance;

  public MaintenanceHealthIndicator(Maintenance maintenance) {
    this.maintenance = maintenance;
  }

  @Override
  public Health health() {
    return maintenance.ofHub()
        .map(s -> Health.outOfService().withDetail("suspended", s).build())
        .orElseGet(() -> Health.up().withDetail("suspendedRoutes", maintenance.suspended().size()).build());
  }
}
