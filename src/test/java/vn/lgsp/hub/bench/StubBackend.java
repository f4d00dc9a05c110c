package vn.lgsp.hub.bench;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/** A register that answers as fast as the JVM allows: about 1 KiB of JSON for any request. */
final class StubBackend implements AutoCloseable {

  static final byte[] BODY = body();

  private final Server server;
  private final ServerConnector connector;

  StubBackend() throws Exception {
    server = new Server(new QueuedThreadPool(64, 8));
    connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    server.setHandler(new Handler.Abstract.NonBlocking() {
      @Override
      public boolean handle(Request request, Response response, Callback callback) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, BODY.length);
        response.write(true, ByteBuffer.wrap(BODY), callback);
        return true;
      }
    });
    server.start();
  }

  int port() {
    return connector.getLocalPort();
  }

  private static byte[] body() {
    StringBuilder items = new StringBuilder();
    for (int i = 0; items.length() < 820; i++) {
      items.append(i == 0 ? "" : ",").append("{\"period\":\"2025-Q").append(i % 4 + 1)
          .append("\",\"taxType\":\"personal-income\",\"amount\":").append(100_000 + i * 1_234).append('}');
    }
    return ("{\"personalId\":\"001085000123\",\"name\":\"Đỗ Công Sơn\",\"status\":\"active\",\"registeredOn\":\"2012-09-12\","
        + "\"items\":[" + items + "]}").getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }
}
