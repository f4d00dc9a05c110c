package vn.lgsp.hub.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Chooses the sandbox backends' loopback ports before the context starts and points the
 * connectors at them ({@code hub.endpoints.*}), unless the configuration already names an
 * endpoint (tests point a connector at WireMock that way). Port 0 means "any free port": chosen
 * here so that two hubs side by side never collide on a fixed sandbox port.
 */
public class SandboxEndpoints implements EnvironmentPostProcessor {

  static final String POPULATION_PORT = "hub.sandbox.population-register.port";
  static final String POPULATION_ENDPOINT = "hub.endpoints.population-register";
  static final String POPULATION_PATH = "/population-register";

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
    if (!env.getProperty("hub.sandbox.enabled", Boolean.class, false)) {
      return;
    }
    Map<String, Object> chosen = new HashMap<>();
    int port = env.getProperty(POPULATION_PORT, Integer.class, 0);
    if (port == 0) {
      port = freeLoopbackPort();
      chosen.put(POPULATION_PORT, port);
    }
    if (!env.containsProperty(POPULATION_ENDPOINT)) {
      chosen.put(POPULATION_ENDPOINT, "http://127.0.0.1:" + port + POPULATION_PATH);
    }
    env.getPropertySources().addFirst(new MapPropertySource("sandbox-endpoints", chosen));
  }

  static int freeLoopbackPort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free loopback port for the sandbox", e);
    }
  }
}
