package vn.lgsp.hub.sandbox.rest;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import vn.lgsp.hub.sandbox.LoopbackTomcat;
import vn.lgsp.hub.sandbox.SandboxBackend;

/**
 * A small JSON-over-HTTP server on a loopback port, the shape of a ministry's REST backend: real
 * HTTP, JSON errors with a status, never a stack trace. One servlet on a Tomcat of its own ({@link
 * LoopbackTomcat}), routing by method and path pattern. Port 0 chooses a free port on first start;
 * later starts reuse it, so a stopped sandbox comes back where the hub expects it.
 */
abstract class JsonHttpServer implements AutoCloseable, SandboxBackend {

  /** What a handler answers: a status and a body to serialise as JSON. */
  record Reply(int status, Object body) {
    static Reply ok(Object body) {
      return new Reply(200, body);
    }

    static Reply error(int status, String error) {
      return new Reply(status, Map.of("error", error));
    }
  }

  /** A request as handlers see it: path groups, headers, body. */
  record Request(String method, String path, Matcher match, HttpServletRequest http, byte[] body) {
    String group(int i) {
      return match.group(i);
    }

    String header(String name) {
      return http.getHeader(name);
    }
  }

  interface Handler {
    Reply handle(Request request) throws IOException;
  }

  private record Route(String method, Pattern path, Handler handler) {}

  protected static final ObjectMapper JSON =
      // Jackson 3 writes java.time values as ISO 8601 text by default (Jackson 2 needed JavaTimeModule and a feature)
      JsonMapper.builder().build();
  private static final int MAX_BODY = 1 << 20;

  private final List<Route> routes = new ArrayList<>();
  private final LoopbackTomcat tomcat;

  JsonHttpServer(String name, int port) {
    this.tomcat = new LoopbackTomcat(name, port);
  }

  protected final void route(String method, String pathRegex, Handler handler) {
    routes.add(new Route(method, Pattern.compile(pathRegex), handler));
  }

  @Override
  public void start() {
    // a servlet made here, not a bean: Spring Boot would add a Servlet bean to the hub's own Tomcat
    tomcat.start(new HttpServlet() {
      @Override
      protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        dispatch(request, response);
      }
    }, "/*", Map.of());
  }

  @Override
  public void stop() {
    tomcat.stop();
  }

  @Override
  public void close() {
    stop();
  }

  @Override
  public boolean isRunning() {
    return tomcat.isRunning();
  }

  @Override
  public int port() {
    return tomcat.port();
  }

  public String address() {
    return "http://" + LoopbackTomcat.HOST + ":" + port();
  }

  private void dispatch(HttpServletRequest http, HttpServletResponse response) throws IOException {
    Reply reply;
    try (InputStream in = http.getInputStream()) {
      byte[] body = in.readNBytes(MAX_BODY);
      reply = answer(http, body);
    } catch (RuntimeException | IOException e) {
      reply = Reply.error(500, "internal-error");
    }
    byte[] out = JSON.writeValueAsBytes(reply.body());
    response.setStatus(reply.status());
    response.setContentType("application/json; charset=utf-8");
    sign(http, reply.status(), response, out);
    response.setContentLength(out.length);
    response.getOutputStream().write(out);
  }

  /** Puts the server's signature on its answer to {@code request}, for a backend that signs; none by default. */
  protected void sign(HttpServletRequest request, int status, HttpServletResponse response, byte[] body) {}

  private Reply answer(HttpServletRequest http, byte[] body) throws IOException {
    // the path as sent, not decoded: what the JDK's server handed over before
    String path = http.getRequestURI();
    boolean pathKnown = false;
    for (Route route : routes) {
      Matcher m = route.path().matcher(path);
      if (m.matches()) {
        pathKnown = true;
        if (route.method().equals(http.getMethod())) {
          return route.handler().handle(new Request(http.getMethod(), path, m, http, body));
        }
      }
    }
    return pathKnown ? Reply.error(405, "method-not-allowed") : Reply.error(404, "no-such-resource");
  }
}
