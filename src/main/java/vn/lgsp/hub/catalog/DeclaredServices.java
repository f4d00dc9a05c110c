package vn.lgsp.hub.catalog;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.springframework.stereotype.Component;
import vn.lgsp.hub.protocol.ServiceId;

/**
 * The service a route outside {@code /r1/} declares with the route property {@value
 * RouteConventions#SERVICE_PROPERTY} (the data tracker, a consumer's own records). Read once per
 * route: looking a route up in Camel copies its route list under a lock, too dear per request.
 */
@Component
public class DeclaredServices {

  private final CamelContext camel;
  private final Map<String, Optional<ServiceId>> byRoute = new ConcurrentHashMap<>();

  public DeclaredServices(CamelContext camel) {
    this.camel = camel;
  }

  /** The route's declared service; empty when it declares none or is not running. */
  public Optional<ServiceId> of(String routeId) {
    Optional<ServiceId> known = byRoute.get(routeId);
    if (known != null) {
      return known;
    }
    Route route = camel.getRoute(routeId);
    if (route == null) {
      return Optional.empty();
    }
    Optional<ServiceId> declared = Optional.ofNullable(route.getProperties().get(RouteConventions.SERVICE_PROPERTY))
        .map(p -> ServiceId.parse(p.toString()));
    byRoute.put(routeId, declared);
    return declared;
  }
}
