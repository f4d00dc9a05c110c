package vn.lgsp.hub.directory;

import java.util.Set;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;
import vn.lgsp.hub.catalog.AcceptedQueryParameters;
import vn.lgsp.hub.catalog.RouteConventions;
import vn.lgsp.hub.catalog.ServiceTexts;
import vn.lgsp.hub.protocol.Bilingual;

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

  /** The spec's {@code serviceId} filter of listMethods and allowedMethods. */
  @Bean
  static AcceptedQueryParameters listMethodsQuery() {
    return new AcceptedQueryParameters("list-methods", Set.of("serviceId"));
  }

  @Bean
  static AcceptedQueryParameters allowedMethodsQuery() {
    return new AcceptedQueryParameters("allowed-methods", Set.of("serviceId"));
  }

  @Bean
  static AcceptedQueryParameters getOpenApiQuery() {
    return new AcceptedQueryParameters("get-openapi", Set.of("serviceCode"));
  }

  @Bean
  static ServiceTexts listClientsTexts() {
    return new ServiceTexts("list-clients",
        new Bilingual("Danh sách thành viên và hệ thống", "Members and systems"),
        new Bilingual("Các thành viên và hệ thống cung cấp, sử dụng dịch vụ mà nền tảng biết (GovStack IM listClients).",
            "The members and the provider and consumer systems known to the hub (GovStack IM listClients)."));
  }

  @Bean
  static ServiceTexts listMethodsTexts() {
    return new ServiceTexts("list-methods",
        new Bilingual("Danh sách dịch vụ của hệ thống cung cấp", "Services of a provider"),
        new Bilingual("Các dịch vụ REST mà một hệ thống cung cấp, với phương thức và đường dẫn (GovStack IM listMethods).",
            "The REST services a provider system publishes, with their methods and paths (GovStack IM listMethods)."));
  }

  @Bean
  static ServiceTexts allowedMethodsTexts() {
    return new ServiceTexts("allowed-methods",
        new Bilingual("Danh sách dịch vụ được phép sử dụng", "Services the caller may use"),
        new Bilingual("Các dịch vụ của một hệ thống cung cấp mà bên gọi có quyền sử dụng, với giới hạn tần suất gọi"
            + " (GovStack IM allowedMethods).",
            "The services of a provider that the caller may use, with its request limits (GovStack IM allowedMethods)."));
  }

  @Bean
  static ServiceTexts getOpenApiTexts() {
    return new ServiceTexts("get-openapi",
        new Bilingual("Mô tả OpenAPI của dịch vụ", "OpenAPI description of a service"),
        new Bilingual("Tài liệu OpenAPI 3 của một dịch vụ, sinh từ tuyến và bộ kết nối của nó (GovStack IM getOpenAPI).",
            "The OpenAPI 3 document of a service, generated from its route and connector (GovStack IM getOpenAPI)."));
  }

  private void metaservice(String routeId, String path, String method) {
    from("platform-http:" + path + "?httpMethodRestrict=GET")
        .routeId(routeId)
        .routeConfigurationId(RouteConventions.METASERVICE_CONFIGURATION)
        .bean(Directory.class, method);
  }
}
