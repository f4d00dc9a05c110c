package vn.lgsp.hub.catalog;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteDefinition;
import org.springframework.stereotype.Component;
import vn.lgsp.hub.protocol.Bilingual;
import vn.lgsp.hub.protocol.ServiceId;

/** The routes an operator sees and steers: every exchange route of the engine, with its service and connector. */
@Component
public class HubRoutes {

  /**
   * @param service the published service, null for metaservices (directory)
   * @param connectorId the connector the route calls, null if none
   * @param title what the route does, in Vietnamese and English (every route of these has one)
   */
  public record HubRoute(String routeId, String service, String connectorId, Bilingual title) {}

  private final CamelContext camel;
  private final ServiceCatalog catalog;
  private final DeclaredServices declaredServices;

  public HubRoutes(CamelContext camel, ServiceCatalog catalog, DeclaredServices declaredServices) {
    this.camel = camel;
    this.catalog = catalog;
    this.declaredServices = declaredServices;
  }

  public List<HubRoute> all() {
    Map<String, PublishedService> published = catalog.services().stream()
        .collect(Collectors.toMap(PublishedService::routeId, Function.identity(), (a, b) -> a));
    List<HubRoute> routes = new ArrayList<>();
    for (RouteDefinition definition : ((ModelCamelContext) camel).getRouteDefinitions()) {
      String id = definition.getRouteId();
      String configuration = definition.getRouteConfigurationId();
      if (RouteConventions.UNKNOWN_SERVICE_ROUTE.equals(id)
          || !(RouteConventions.SERVICE_CONFIGURATION.equals(configuration)
              || RouteConventions.METASERVICE_CONFIGURATION.equals(configuration))) {
        continue;
      }
      PublishedService service = published.get(id);
      routes.add(service != null
          ? new HubRoute(id, service.service().toString(), service.connectorId(), service.title())
          : new HubRoute(id, declaredServices.of(id).map(ServiceId::toString).orElse(null), null,
              catalog.texts(id).map(ServiceTexts::title).orElse(null)));
    }
    routes.sort(Comparator.comparing(HubRoute::routeId));
    return routes;
  }

  public Optional<HubRoute> find(String routeId) {
    return all().stream().filter(r -> r.routeId().equals(routeId)).findFirst();
  }
}
