package vn.lgsp.hub.directory;

import java.util.Set;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;
import vn.lgsp.hub.catalog.AcceptedQueryParameters;
import vn.lgsp.hub.catalog.RouteConventions;

/** The directory metaservices, authenticated and logged by the engine like every exchange. */
@Component
public class DirectoryRoutes extends RouteBuilder {

  private static final String PROVIDER = "/r1/{instanceId}/{memberClass}/{memberCode}/{applicationCode}";

  @Override
  public void configure() {
    metaservice("list-clients", "/listClients", "listClients");
    metaservice("list-methods", PROVIDER + "/listMethods", "listMethods");
    metaservice("allowed-methods", PROVIDER + "/allowedMethods", "allowedMethods");
    metaservice("get-openapi", PROVIDER + "/getOpenAPI", "getOpenApi");
  }

  /** {@code /listClients?instanceId=}: the only query parameter of the directory besides getOpenAPI's. */
  @Bean
  static AcceptedQueryParameters listClientsQuery() {
    return new AcceptedQueryParameters("list-clients", Set.of("instanceId"));
  }

  @Bean
  static AcceptedQueryParameters getOpenApiQuery() {
    return new AcceptedQueryParameters("get-openapi", Set.of("serviceCode"));
  }

  private void metaservice(String routeId, String path, String method) {
    from("platform-http:" + path + "?httpMethodRestrict=GET")
        .routeId(routeId)
        .routeConfigurationId(RouteConventions.METASERVICE_CONFIGURATION)
        .bean(Directory.class, method);
  }
}
