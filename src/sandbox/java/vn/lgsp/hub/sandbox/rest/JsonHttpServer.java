package vn.lgsp.hub.sandbox.rest;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import vn.lgsp.hub.sandbox.SandboxBackend;

/**
 * A small JSON-over-HTTP server on a loopback port, the shape of a ministry's REST backend: real
 * HTTP, JSON errors with a status, never a stack trace. Port 0 chooses a free port on first start;
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
  record Request(String method, String path, Matcher match, HttpExchange http, byte[] body) {
    String group(int i) {
      return match.group(i);
    }

    String header(String name) {
      return http.getRequestHeaders().getFirst(name);
    }
  }

  interface Handler {
    Reply handle(Request request) throws IOException;
  }

  private record Route(String method, Pattern path, Handler handler) {}

  protected static final ObjectMapper JSON =
      // Jackson 3 writes java.time values as ISO 8601 text by default (Jackson 2 needed JavaTimeModule and a feature)
      JsonMapper.builder().build();

  private final List<Route> routes = new ArrayList<>();
  private int port;
  private HttpServer server;
  private ExecutorService executor;

  JsonHttpServer(int port) {
    this.port = port;
  }

  protected final void route(String method, String pathRegex, Handler handler) {
    routes.add(new Route(method, Pattern.compile(pathRegex), handler));
  }

  public synchronized void start() {
    if (server != null) {
      return;
    }
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
    } catch (IOException e) {
      throw new IllegalStateException("sandbox backend cannot listen on port " + port, e);
    }
    port = server.getAddress().getPort();
    executor = Executors.newFixedThreadPool(8);
    server.setExecutor(executor);
    server.createContext("/", this::dispatch);
    server.start();
  }

  public synchronized void stop() {
    if (server != null) {
      server.stop(0);
      executor.shutdownNow();
      server = null;
    }
  }

  @Override
  public void close() {
    stop();
  }

  @Override
  public synchronized boolean isRunning() {
    return server != null;
  }

  public synchronized int port() {
    return port;
  }

  public String address() {
    return "http://127.0.0.1:" + port();
  }

  private void dispatch(HttpExchange http) throws IOException {
    Reply reply;
    try (InputStream in = http.getRequestBody()) {
      byte[] body = in.readNBytes(1 << 20);
      reply = answer(http, body);
    } catch (RuntimeException | IOException e) {
      reply = Reply.error(500, "internal-error");
    }
    byte[] out = JSON.writeValueAsBytes(reply.body());
    http.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    http.sendResponseHeaders(reply.status(), out.length);
    try (OutputStream os = http.getResponseBody()) {
      os.write(out);
    }
  }

  private Reply answer(HttpExchange http, byte[] body) throws IOException {
    String path = http.getRequestURI().getRawPath();
    boolean pathKnown = false;
    for (Route route : routes) {
      Matcher m = route.path().matcher(path);
      if (m.matches()) {
        pathKnown = true;
        if (route.method().equals(http.getRequestMethod())) {
          return route.handler().handle(new Request(http.getRequestMethod(), path, m, http, body));
        }
      }
    }
    return pathKnown ? Reply.error(405, "method-not-allowed") : Reply.error(404, "no-such-resource");
  }
}
