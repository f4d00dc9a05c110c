package vn.lgsp.hub.connectors;

import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;
import org.springframework.stereotype.Component;

/**
 * The {@code connector:<id>/<operation>} endpoint that routes use to call a backend, for
 * example {@code connector:population-register/GetCitizenInfo}. Unknown connectors or operations
 * fail when the route starts, not on the first call.
 */
@Component("connector")
public class ConnectorComponent extends DefaultComponent {

  private final ConnectorRegistry registry;
  private final ConnectorActivity activity;

  public ConnectorComponent(ConnectorRegistry registry, ConnectorActivity activity) {
    this.registry = registry;
    this.activity = activity;
  }

  @Override
  protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) {
    int slash = remaining.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException("use connector:<connector-id>/<operation>, not " + uri);
    }
    Connector connector = registry.get(remaining.substring(0, slash));
    String operation = remaining.substring(slash + 1);
    if (!connector.descriptor().operations().containsKey(operation)) {
      throw new IllegalArgumentException(
          "connector " + connector.descriptor().id() + " has no operation '" + operation + "'");
    }
    return new ConnectorEndpoint(uri, this, connector, operation, activity);
  }
}
