package vn.lgsp.hub.engine;

import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.model.RouteConfigurationDefinition;
import org.springframework.stereotype.Component;

/**
 * The cross-cutting steps of the request path, defined once. Every published service route opts
 * in with {@code routeConfigurationId: xroad-service} and then only names its connector and
 * mapping: the gate runs before its first step, problems are mapped in one place, and the
 * finisher writes the answer and the exchange record before the response leaves.
 */
@Component
public class XRoadServiceRouteConfiguration extends RouteConfigurationBuilder {

  public static final String ID = "xroad-service";

  private final ExchangeGate gate;
  private final ProblemResponder problemResponder;
  private final ExchangeFinisher finisher;

  public XRoadServiceRouteConfiguration(
      ExchangeGate gate, ProblemResponder problemResponder, ExchangeFinisher finisher) {
    this.gate = gate;
    this.problemResponder = problemResponder;
    this.finisher = finisher;
  }

  @Override
  public void configuration() {
    RouteConfigurationDefinition config = routeConfiguration(ID);
    config.onException(Throwable.class).handled(true).process(problemResponder);
    config.interceptFrom().process(gate);
    // before the consumer, so that the answer is shaped and the record durable before it leaves
    config.onCompletion().modeBeforeConsumer().process(finisher);
  }
}
