package vn.lgsp.hub.publishing;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.spi.InflightRepository;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.support.service.ServiceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Adding routes to the running Camel context from YAML text, and removing them without cutting a call short. */
final class Routes {

  private static final Logger log = LoggerFactory.getLogger(Routes.class);
  private static final long DRAIN_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

  private Routes() {}

  /** Loads and starts the routes of a YAML text, as Camel loads a file of {@code routes/}. */
  static void add(CamelContext camel, String name, String yaml) throws Exception {
    Resource routes = ResourceHelper.fromString(name, yaml);
    PluginHelper.getRoutesLoader(camel).loadRoutes(routes);
  }

  /**
   * Stops the routes' consumers first, so new calls no longer reach them, then waits for the calls in flight
   * to finish (at most {@code stopSeconds}) before the routes go. Camel's graceful stop alone would do it too,
   * but it looks at the calls in flight once a second, which costs the other hubs their 2 s to converge.
   */
  static void remove(CamelContext camel, Collection<String> routeIds, long stopSeconds) {
    List<Route> present = routeIds.stream().distinct().map(camel::getRoute).filter(Objects::nonNull).toList();
    present.forEach(route -> ServiceHelper.stopService(route.getConsumer()));
    InflightRepository inflight = camel.getInflightRepository();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(stopSeconds);
    while (present.stream().anyMatch(route -> inflight.size(route.getRouteId()) > 0) && System.nanoTime() < deadline) {
      LockSupport.parkNanos(DRAIN_POLL_NANOS);
    }
    for (Route route : present) {
      try {
        camel.getRouteController().stopRoute(route.getRouteId(), stopSeconds, TimeUnit.SECONDS);
        camel.removeRoute(route.getRouteId());
      } catch (Exception e) {
        log.error("route {} not removed ({})", route.getRouteId(), e.getClass().getSimpleName());
      }
    }
  }
}
