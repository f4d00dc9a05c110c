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
 * A register that answers as fast as the JVM allows: about 1 KiB of JSON for any request, and under {@code /soap}
 * about 1 KiB of SOAP, the population register's answer to {@code GetCitizenInfo} as the sandbox register gives it.
 * An embedded Tomcat (the hub's own HTTP stack) with two servlets, on a loopback port: a REST and a SOAP register
 * outside the hub's JVM alike, so that the hub's CPU per exchange of either is the hub's alone.
 */
final class StubBackend implements AutoCloseable {

  static final byte[] BODY = body();
  static final byte[] SOAP_BODY = ("<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>"
      + "<GetCitizenInfoResponse xmlns=\"urn:vn:gov:bca:dancu:v1\"><citizen><personalId>001085000123</personalId>"
      + "<fullName>Đỗ Công Sơn</fullName><dateOfBirth>1985-09-12</dateOfBirth><sex>male</sex><nationality>VN</nationality>"
      + "<ethnicity>Kinh</ethnicity><placeOfOrigin>Xã An Thịnh, Hà Nội</placeOfOrigin>" + address("permanentAddress")
      + address("currentAddress") + "<householdId>HGD00164995654</householdId></citizen></GetCitizenInfoResponse>"
      + "</soap:Body></soap:Envelope>").getBytes(StandardCharsets.UTF_8);

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
    Tomcat.addServlet(context, "stub", constant("application/json", BODY));
    context.addServletMappingDecoded("/*", "stub");
    Tomcat.addServlet(context, "soap-stub", constant("text/xml;charset=UTF-8", SOAP_BODY));
    context.addServletMappingDecoded("/soap/*", "soap-stub");
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

  /** A servlet that answers {@code body} to any request. */
  private static HttpServlet constant(String contentType, byte[] body) {
    return new HttpServlet() {
      @Override
      protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType(contentType);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
      }
    };
  }

  private static String address(String element) {
    return "<" + element + "><line>Số 196 đường Nguyễn Huệ</line><ward>Phường Tân Định</ward><province>Hà Nội</province>"
        + "<provinceCode>001</provinceCode><full>Số 196 đường Nguyễn Huệ, Phường Tân Định, Hà Nội</full></" + element + ">";
  }

  @Override
  public void close() throws Exception {
    tomcat.stop();
    tomcat.destroy();
  }
}
