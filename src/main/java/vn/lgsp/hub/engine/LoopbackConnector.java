package vn.lgsp.hub.engine;

import org.apache.catalina.connector.Connector;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Where the hub's own loopback calls (composite, SOAP front) enter. With TLS on the public port
 * they use a plain connector bound to 127.0.0.1 only: traffic that never leaves the host needs no
 * certificate for the hub to trust itself, and gets the same engine and checks as any call.
 */
@Component
public class LoopbackConnector implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

  private final Environment environment;
  private volatile Connector internal;

  public LoopbackConnector(Environment environment) {
    this.environment = environment;
  }

  @Override
  public void customize(TomcatServletWebServerFactory factory) {
    if (environment.getProperty("server.ssl.enabled", Boolean.class, false)) {
      Connector connector = new Connector(TomcatServletWebServerFactory.DEFAULT_PROTOCOL);
      connector.setPort(0);
      connector.setProperty("address", "127.0.0.1");
      connector.setEncodedSolidusHandling("passthrough");
      factory.addAdditionalTomcatConnectors(connector);
      internal = connector;
    }
  }

  /** The port loopback calls go to (plain HTTP on 127.0.0.1). */
  int port() {
    Connector connector = internal;
    return connector != null ? connector.getLocalPort() : environment.getRequiredProperty("local.server.port", Integer.class);
  }
}
