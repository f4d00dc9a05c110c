package vn.lgsp.hub.edge;

import jakarta.servlet.http.HttpServletRequest;
import org.apache.catalina.connector.Connector;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Where the hub's own loopback calls enter. With TLS on the public port, the SOAP front's calls
 * use a plain connector bound to 127.0.0.1 only: traffic that never leaves the host needs no
 * certificate for the hub to trust itself, and gets the same engine and checks as any call. A
 * composite's source calls always enter through a connector of their own (127.0.0.1, plain), so
 * that {@link ExchangeLanes} runs them on the fan-out lane, apart from the callers' requests that
 * wait for them.
 */
@Component
public class LoopbackConnector implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

  private final Environment environment;
  private volatile Connector internal;
  private volatile Connector fanOut;

  public LoopbackConnector(Environment environment) {
    this.environment = environment;
  }

  @Override
  public void customize(TomcatServletWebServerFactory factory) {
    if (environment.getProperty("server.ssl.enabled", Boolean.class, false)) {
      internal = loopbackOnly();
      factory.addAdditionalConnectors(internal);
    }
    fanOut = loopbackOnly();
    factory.addAdditionalConnectors(fanOut);
  }

  private static Connector loopbackOnly() {
    Connector connector = new Connector(TomcatServletWebServerFactory.DEFAULT_PROTOCOL);
    connector.setPort(0);
    connector.setProperty("address", "127.0.0.1");
    connector.setEncodedSolidusHandling("passthrough");
    return connector;
  }

  /** The port loopback calls go to (plain HTTP on 127.0.0.1). */
  int port() {
    Connector connector = internal;
    return connector != null ? connector.getLocalPort() : environment.getRequiredProperty("local.server.port", Integer.class);
  }

  /** The port a composite's source calls go to (plain HTTP on 127.0.0.1). */
  int fanOutPort() {
    return fanOut.getLocalPort();
  }

  /** Whether the request came in through the fan-out connector. */
  boolean isFanOut(HttpServletRequest request) {
    Connector connector = fanOut;
    return connector != null && request.getLocalPort() == connector.getLocalPort();
  }
}
