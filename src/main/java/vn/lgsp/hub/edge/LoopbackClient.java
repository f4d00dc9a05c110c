package vn.lgsp.hub.edge;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.springframework.stereotype.Component;
import vn.lgsp.hub.engine.LoopbackHeaders;
import vn.lgsp.hub.protocol.XRoadHeaders;

/**
 * Calls the hub's own X-Road REST front door over loopback HTTP. Fronts that speak another
 * protocol (SOAP) and composite services use it, so that every call they make is an ordinary
 * exchange: authenticated, authorised, minimised and logged by the same engine.
 */
@Component
public class LoopbackClient {

  private final LoopbackConnector connector;
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();

  public LoopbackClient(LoopbackConnector connector) {
    this.connector = connector;
  }

  /**
   * The headers that carry a caller into a loopback exchange made on their behalf: their token and
   * their X-Road client, message id, user and purpose. The one place fronts and composites build them.
   */
  public static Map<String, String> forwarded(String authorization, String client, String messageId, String userId,
      String issue) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Authorization", authorization);
    headers.put(XRoadHeaders.CLIENT, client);
    headers.put(XRoadHeaders.ID, messageId);
    headers.put(XRoadHeaders.USER_ID, userId);
    headers.put(XRoadHeaders.ISSUE, issue);
    return headers;
  }

  /**
   * Sends a request to {@code pathAndQuery} on this hub; it runs on the front lane, like a
   * caller's. For fronts whose own work holds no route thread (the SOAP front runs on Tomcat's).
   *
   * @param headers header name to value; null values are left out; X-Road-Issue and X-Road-UserId
   *     may hold any text (they are carried encoded, see {@link LoopbackHeaders})
   * @param jsonBody the JSON body, or null for none
   */
  public CompletableFuture<HttpResponse<byte[]>> send(
      String method, String pathAndQuery, Map<String, String> headers, byte[] jsonBody, Duration timeout) {
    return send(connector.port(), method, pathAndQuery, headers, jsonBody, timeout);
  }

  /**
   * A composite's source call: a GET through the fan-out connector, so that it runs on the fan-out
   * lane and never waits for a thread that the composite itself holds ({@link ExchangeLanes}).
   */
  public CompletableFuture<HttpResponse<byte[]>> fanOut(String pathAndQuery, Map<String, String> headers, Duration timeout) {
    return send(connector.fanOutPort(), "GET", pathAndQuery, headers, null, timeout);
  }

  private CompletableFuture<HttpResponse<byte[]>> send(
      int port, String method, String pathAndQuery, Map<String, String> headers, byte[] jsonBody, Duration timeout) {
    URI uri = URI.create("http://127.0.0.1:" + port + pathAndQuery);
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout);
    LoopbackHeaders.encode(headers).forEach((name, value) -> {
      if (value != null) {
        request.header(name, value);
      }
    });
    if (jsonBody != null) {
      request.header("Content-Type", "application/json");
    }
    request.method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(jsonBody));
    return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }
}
