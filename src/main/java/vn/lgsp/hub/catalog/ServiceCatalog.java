package vn.lgsp.hub.catalog;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.ToDefinition;
import org.springframework.stereotype.Component;
import vn.lgsp.hub.connectors.ConnectorRegistry;
import vn.lgsp.hub.protocol.XRoadPath;

/**
 * What the hub publishes, read from the running routes themselves (the route files are the
 * truth): every route of the {@code xroad-service} configuration, its method and path, and the
 * connector operation it calls.
 */
@Component
public class ServiceCatalog {

  private static final String CONNECTOR_SCHEME = "connector:";

  private final CamelContext camel;
  private final ConnectorRegistry connectors;

  public ServiceCatalog(CamelContext camel, ConnectorRegistry connectors) {
    this.camel = camel;
    this.connectors = connectors;
  }

  public List<PublishedService> services() {
    List<PublishedService> services = new ArrayList<>();
    ModelCamelContext model = (ModelCamelContext) camel;
    for (RouteDefinition route : model.getRouteDefinitions()) {
      if (!RouteConventions.SERVICE_CONFIGURATION.equals(route.getRouteConfigurationId())
          || !(camel.getRoute(route.getRouteId()) != null
              && camel.getRoute(route.getRouteId()).getEndpoint() instanceof PlatformHttpEndpoint endpoint)) {
        continue;
      }
      XRoadPath path;
      try {
        path = XRoadPath.parse(endpoint.getPath());
      } catch (IllegalArgumentException e) {
        continue;
      }
      String method = endpoint.getHttpMethodRestrict() == null ? "GET" : endpoint.getHttpMethodRestrict();
      String[] target = connectorTarget(route.getOutputs());
      services.add(new PublishedService(path.service(), route.getRouteId(), method, path.rest(),
          target == null ? null : target[0],
          target == null ? null : connectors.get(target[0]).descriptor().operations().get(target[1])));
    }
    services.sort(Comparator.comparing(s -> s.service().toString()));
    return services;
  }

  /** The connector id and operation of the route's {@code connector:} step, or null. */
  private static String[] connectorTarget(List<ProcessorDefinition<?>> outputs) {
    for (ProcessorDefinition<?> output : outputs) {
      if (output instanceof ToDefinition to && to.getUri().startsWith(CONNECTOR_SCHEME)) {
        return to.getUri().substring(CONNECTOR_SCHEME.length()).split("/", 2);
      }
      String[] nested = connectorTarget(output.getOutputs());
      if (nested != null) {
        return nested;
      }
    }
    return null;
  }
}
