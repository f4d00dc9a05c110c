package vn.lgsp.hub.directory;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;
import vn.lgsp.hub.engine.XRoadServiceRouteConfiguration;

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

  private void metaservice(String routeId, String path, String method) {
    from("platform-http:" + path + "?httpMethodRestrict=GET")
        .routeId(routeId)
        .routeConfigurationId(XRoadServiceRouteConfiguration.METASERVICE_ID)
        .bean(Directory.class, method);
  }
}
