package vn.lgsp.hub.bench;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;

/**
 * A register that answers as fast as the JVM allows: about 1 KiB of JSON for any request. An
 * embedded Tomcat (the hub's own HTTP stack) with one servlet, on a loopback port.
 */
final class StubBackend implements AutoCloseable {

  static final byte[] BODY = body();

  private final Tomcat tomcat = new Tomcat();
  private final Connector connector = new Connector("HTTP/1.1");

  StubBackend() throws Exception {
    // the benchmark runs with java.io.tmpdir under target/
    tomcat.setBaseDir(Files.createTempDirectory("bench-stub-").toString());
    tomcat.setSilent(true);
    connector.setPort(0);
    connector.setProperty("address", "127.0.0.1");
    connector.setProperty("maxThreads", "64");
    connector.setProperty("minSpareThreads", "8");
    // every request of a connection answered on it, as a keep-alive load generator expects
    connector.setProperty("maxKeepAliveRequests", "-1");
    tomcat.setConnector(connector);
    Context context = tomcat.addContext("", null);
    Tomcat.addServlet(context, "stub", new HttpServlet() {
      @Override
      protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("application/json");
        response.setContentLength(BODY.length);
        response.getOutputStream().write(BODY);
      }
    });
    context.addServletMappingDecoded("/*", "stub");
    tomcat.start();
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
    tomcat.stop();
    tomcat.destroy();
  }
}
