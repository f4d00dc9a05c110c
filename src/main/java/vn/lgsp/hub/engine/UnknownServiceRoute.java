package vn.lgsp.hub.engine;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;
import vn.lgsp.hub.catalog.RouteConventions;

/**
 * Claims every {@code /r1/} path that no service route matches (unknown service, wrong method or
 * extra path segments), so that such calls too are authenticated, answered with a problem and
 * logged. The gate recognises this route and answers {@code Client.UnknownService}.
 */
@Component
public class UnknownServiceRoute extends RouteBuilder {

  @Override
  public void configure() {
    from("platform-http:/r1?matchOnUriPrefix=true")
        .routeId(RouteConventions.UNKNOWN_SERVICE_ROUTE)
        .routeConfigurationId(RouteConventions.SERVICE_CONFIGURATION)
        .log("unreachable: the gate refuses every exchange of this route");
  }
}
