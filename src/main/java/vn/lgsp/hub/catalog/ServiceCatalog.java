package vn.lgsp.hub.catalog;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.ToDefinition;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import vn.lgsp.hub.connectors.ConnectorDescriptor;
import vn.lgsp.hub.connectors.ConnectorRegistry;
import vn.lgsp.hub.protocol.Bilingual;
import vn.lgsp.hub.protocol.ServiceId;
import vn.lgsp.hub.protocol.XRoadPath;

/**
 * What the hub publishes, read from the running routes themselves (the route files are the
 * truth): every route of the {@code xroad-service} configuration, its method and path, the
 * connector operation it calls, and its title and description: the operation's, or for a route
 * that calls none, the {@link ServiceTexts} declared beside it.
 */
@Component
public class ServiceCatalog {

  private static final String CONNECTOR_SCHEME = "connector:";

  private final CamelContext camel;
  private final ConnectorRegistry connectors;
  private final Map<String, ServiceTexts> declaredTexts;

  public ServiceCatalog(CamelContext camel, ConnectorRegistry connectors, ObjectProvider<ServiceTexts> declaredTexts) {
    this.camel = camel;
    this.connectors = connectors;
    this.declaredTexts = declaredTexts.orderedStream()
        .collect(Collectors.toMap(ServiceTexts::routeId, Function.identity(), (a, b) -> {
          throw new IllegalStateException("route " + a.routeId() + " declares its texts twice");
        }, LinkedHashMap::new));
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
      ConnectorDescriptor.Operation operation = target == null ? null : operation(target);
      ServiceTexts texts = texts(route.getRouteId(), operation).orElseThrow(() -> withoutTexts(route));
      services.add(new PublishedService(path.service(), route.getRouteId(), method, path.rest(),
          target == null ? null : target[0], operation, texts.title(), texts.description()));
    }
    services.sort(Comparator.comparing(s -> s.service().toString()));
    return services;
  }

  /** The title of each published service (of its first endpoint, if it has several). */
  public Map<ServiceId, Bilingual> titles() {
    Map<ServiceId, Bilingual> titles = new LinkedHashMap<>();
    services().forEach(s -> titles.putIfAbsent(s.service(), s.title()));
    return titles;
  }

  /** Any route's title and description: its connector operation's, else those declared beside it. */
  public Optional<ServiceTexts> texts(String routeId) {
    RouteDefinition route = ((ModelCamelContext) camel).getRouteDefinition(routeId);
    if (route == null) {
      return Optional.empty();
    }
    String[] target = connectorTarget(route.getOutputs());
    return texts(routeId, target == null ? null : operation(target));
  }

  /**
   * Every route a caller or operator sees has its texts, or the hub does not start: a route file
   * whose route calls no connector operation names its texts nowhere a descriptor would check.
   */
  @EventListener(ApplicationStartedEvent.class)
  public void everyRouteHasItsTexts() {
    for (RouteDefinition route : ((ModelCamelContext) camel).getRouteDefinitions()) {
      String configuration = route.getRouteConfigurationId();
      if (!RouteConventions.UNKNOWN_SERVICE_ROUTE.equals(route.getRouteId())
          && (RouteConventions.SERVICE_CONFIGURATION.equals(configuration)
              || RouteConventions.METASERVICE_CONFIGURATION.equals(configuration))
          && texts(route.getRouteId()).isEmpty()) {
        throw withoutTexts(route);
      }
    }
  }

  private Optional<ServiceTexts> texts(String routeId, ConnectorDescriptor.Operation operation) {
    return operation != null
        ? Optional.of(new ServiceTexts(routeId, operation.title(), operation.description()))
        : Optional.ofNullable(declaredTexts.get(routeId));
  }

  private ConnectorDescriptor.Operation operation(String[] target) {
    return connectors.get(target[0]).descriptor().operations().get(target[1]);
  }

  private static IllegalStateException withoutTexts(RouteDefinition route) {
    String source = route.getResource() == null ? "" : " (" + route.getResource().getLocation() + ")";
    return new IllegalStateException("route " + route.getRouteId() + source + " has no title and description: a route"
        + " calling a connector takes them from its operation (title, description: vi and en), any other declares a "
        + ServiceTexts.class.getName() + " bean beside it");
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
