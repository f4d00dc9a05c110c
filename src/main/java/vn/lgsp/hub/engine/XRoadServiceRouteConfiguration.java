package vn.lgsp.hub.engine;

import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.model.RouteConfigurationDefinition;
import org.springframework.stereotype.Component;
import vn.lgsp.hub.catalog.RouteConventions;

/**
 * The cross-cutting steps of the request path, defined once. Every published service route opts
 * in with {@code routeConfigurationId: xroad-service} and then only names its connector and
 * mapping: the gate runs before its first step, problems are mapped in one place, and the
 * finisher ({@link ExchangeFinisher}) writes the answer and the exchange record when the route
 * is done, before the consumer writes the response.
 */
@Component
public class XRoadServiceRouteConfiguration extends RouteConfigurationBuilder {

  public static final String ID = RouteConventions.SERVICE_CONFIGURATION;

  /** Metaservices (directory): authenticated and logged, but open to every client. */
  public static final String METASERVICE_ID = RouteConventions.METASERVICE_CONFIGURATION;

  private final ExchangeGate gate;
  private final ProblemResponder problemResponder;

  public XRoadServiceRouteConfiguration(ExchangeGate gate, ProblemResponder problemResponder) {
    this.gate = gate;
    this.problemResponder = problemResponder;
  }

  @Override
  public void configuration() {
    RouteConfigurationDefinition config = routeConfiguration(ID);
    config.onException(Throwable.class).handled(true).process(problemResponder);
    // the gate also registers the finisher, first thing, so it runs even when the gate refuses
    config.interceptFrom().process(gate);

    RouteConfigurationDefinition meta = routeConfiguration(METASERVICE_ID);
    meta.onException(Throwable.class).handled(true).process(problemResponder);
    meta.interceptFrom().process(gate.metaserviceGate());
  }
}
