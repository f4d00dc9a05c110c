package vn.lgsp.hub.engine;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;

/**
 * The named inputs of a request: path parameters the route's path declares, else top-level
 * fields of the JSON body. Never arbitrary request headers: a caller must not be able to slip
 * an input past the path or body by sending a header of the same name.
 */
public final class RequestParameters {

  private RequestParameters() {}

  public static String lookup(Exchange exchange, String name) {
    if (declaresPathParameter(exchange, name)) {
      return exchange.getIn().getHeader(name, String.class);
    }
    if (exchange.getIn().getBody() instanceof JsonNode body) {
      JsonNode field = body.get(name);
      return field != null && field.isValueNode() && !field.isNull() ? field.asText() : null;
    }
    return null;
  }

  static boolean declaresPathParameter(Exchange exchange, String name) {
    return exchange.getFromEndpoint() instanceof PlatformHttpEndpoint endpoint
        && endpoint.getPath().contains("{" + name + "}");
  }
}
