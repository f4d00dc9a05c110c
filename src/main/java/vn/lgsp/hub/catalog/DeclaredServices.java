package vn.lgsp.hub.catalog;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteDefinition;
import org.springframework.stereotype.Component;
import vn.lgsp.hub.protocol.ServiceId;
import vn.lgsp.hub.protocol.XRoadPath;

/**
 * The service of a route: the one a route outside {@code /r1/} declares with the route property
 * {@value RouteConventions#SERVICE_PROPERTY} (the data tracker, a consumer's own records), else the
 * one a service route's own X-Road path names. Read once per route: looking a route up in Camel
 * copies its route list under a lock, and the gate need not parse every request's path again.
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
        .map(p -> ServiceId.parse(p.toString()))
        .or(() -> servicePath(routeId, route));
    byRoute.put(routeId, declared);
    return declared;
  }

  /** Forgets a route that was removed (a withdrawn publication): its id may come back with another path. */
  public void forget(String routeId) {
    byRoute.remove(routeId);
  }

  /** The service a service route's path names, when the path names it without placeholders. */
  private Optional<ServiceId> servicePath(String routeId, Route route) {
    RouteDefinition definition = ((ModelCamelContext) camel).getRouteDefinition(routeId);
    if (definition == null || !RouteConventions.SERVICE_CONFIGURATION.equals(definition.getRouteConfigurationId())
        || !(route.getEndpoint() instanceof PlatformHttpEndpoint endpoint)) {
      return Optional.empty();
    }
    try {
      ServiceId service = XRoadPath.parse(endpoint.getPath()).service();
      return service.toString().contains("{") ? Optional.empty() : Optional.of(service);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
