package vn.lgsp.hub.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Chooses the sandbox backends' loopback ports before any bean of the hub is created and points the
 * connectors at them ({@code hub.endpoints.<connector>}), unless the configuration already names
 * an endpoint (tests point a connector at WireMock that way). Port 0 means "any free port":
 * chosen here so that two hubs side by side never collide on a fixed sandbox port.
 *
 * <p>A bean factory post-processor of {@link SandboxConfiguration}, not an environment
 * post-processor: those are listed in {@code META-INF/spring.factories}, which the production jar
 * shares with the quick start, and that jar has no sandbox class to name (docs/ARCHITECTURE.md,
 * "The sandbox and the production jar"). It runs after the configuration classes are read and
 * before any bean (the web server, the connectors, the seal witness) reads these properties.
 */
public class SandboxEndpoints implements BeanFactoryPostProcessor {

  private final ConfigurableEnvironment env;

  SandboxEndpoints(ConfigurableEnvironment env) {
    this.env = env;
  }

  /** Connector id to the path below the sandbox server's root that the connector calls. */
  static final Map<String, String> BACKENDS =
      Map.of(
          "population-register", "/population-register",
          "tax-register", "",
          "social-insurance", "",
          "vcb-accounts", "");

  static String portProperty(String backend) {
    return "hub.sandbox." + backend + ".port";
  }

  @Override
  public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
    Map<String, Object> chosen = new HashMap<>();
    BACKENDS.forEach(
        (backend, path) -> {
          int port = env.getProperty(portProperty(backend), Integer.class, 0);
          if (port == 0) {
            port = freeLoopbackPort();
            chosen.put(portProperty(backend), port);
          }
          String endpoint = "hub.endpoints." + backend;
          if (!env.containsProperty(endpoint)) {
            chosen.put(endpoint, "http://127.0.0.1:" + port + path);
          }
        });
    timeStampingAuthority(env, chosen);
    if (env.getProperty("hub.sandbox.tls", Boolean.class, false)) {
      tls(env, chosen);
    }
    env.getPropertySources().addFirst(new MapPropertySource("sandbox-endpoints", chosen));
  }

  /**
   * The seal witness's time-stamping authority, in the hub's process ({@link
   * SandboxTimeStampAuthority}) on a loopback port, unless {@code hub.audit.witness.tsa-url} is set.
   */
  private static void timeStampingAuthority(ConfigurableEnvironment env, Map<String, Object> chosen) {
    int port = env.getProperty(portProperty("time-stamping"), Integer.class, 0);
    if (port == 0) {
      port = freeLoopbackPort();
      chosen.put(portProperty("time-stamping"), port);
    }
    if (!env.containsProperty("hub.audit.witness.tsa-url")) {
      chosen.put("hub.audit.witness.tsa-url", "http://127.0.0.1:" + port + "/tsa");
    }
  }

  /**
   * The sandbox over TLS ({@code --hub.sandbox.tls=true}): the hub's port speaks HTTPS with a
   * certificate of the sandbox's own CA, and asks clients for a certificate (mTLS, optional).
   */
  private static void tls(ConfigurableEnvironment env, Map<String, Object> chosen) {
    Path pki = Path.of(env.getProperty("hub.data-dir", "data")).toAbsolutePath().resolve("sandbox-pki");
    String password = env.getProperty("hub.sandbox.pki-password", "sandbox-pki-password");
    SandboxPki.ensure(pki, password.toCharArray());
    chosen.put("server.ssl.enabled", "true");
    chosen.put("server.ssl.key-store", pki.resolve(SandboxPki.SERVER).toUri().toString());
    chosen.put("server.ssl.key-store-type", "PKCS12");
    chosen.put("server.ssl.key-store-password", password);
    chosen.put("server.ssl.trust-store", pki.resolve(SandboxPki.TRUST).toUri().toString());
    chosen.put("server.ssl.trust-store-type", "PKCS12");
    chosen.put("server.ssl.trust-store-password", password);
    chosen.put("server.ssl.client-auth", "want");
  }

  static int freeLoopbackPort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free loopback port for the sandbox", e);
    }
  }
}
