package vn.lgsp.hub.exchange;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import tools.jackson.databind.JsonNode;
import vn.lgsp.hub.protocol.HubProblemException;
import vn.lgsp.hub.protocol.ProblemType;

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
      return field != null && field.isValueNode() && !field.isNull() ? field.asString("") : null;
    }
    return null;
  }

  /** Every query parameter with its first value, URL-decoded, in order. */
  public static Map<String, String> queryParameters(Exchange exchange) {
    String query = exchange.getIn().getHeader(Exchange.HTTP_QUERY, String.class);
    Map<String, String> params = new LinkedHashMap<>();
    if (query != null && !query.isEmpty()) {
      for (String pair : query.split("&")) {
        int eq = pair.indexOf('=');
        params.putIfAbsent(decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : decode(pair.substring(eq + 1)));
      }
    }
    return params;
  }

  /** The first value of a query parameter, URL-decoded, or null. */
  public static String queryParameter(Exchange exchange, String name) {
    return queryParameters(exchange).get(name);
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new HubProblemException(
          ProblemType.INVALID_REQUEST, "query.encoding");
    }
  }

  public static boolean declaresPathParameter(Exchange exchange, String name) {
    return exchange.getFromEndpoint() instanceof PlatformHttpEndpoint endpoint
        && endpoint.getPath().contains("{" + name + "}");
  }
}
