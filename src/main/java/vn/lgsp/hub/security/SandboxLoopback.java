package vn.lgsp.hub.security;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The sandbox listens on loopback only: its credentials are published in the README, so a hub
 * tried out on a laptop must not answer the café's network. The address is a default of the
 * lowest precedence: {@code server.address} set anywhere (command line, environment, a
 * configuration file) wins. Outside the sandbox the hub listens where it is told, on every
 * interface by default.
 */
public class SandboxLoopback implements EnvironmentPostProcessor, Ordered {

  static final String SOURCE = "sandbox-loopback";
  static final String LOOPBACK = "127.0.0.1";

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
    if (SecretsGuard.isSandbox(env)) {
      env.getPropertySources().addLast(new MapPropertySource(SOURCE, Map.of("server.address", LOOPBACK)));
    }
  }

  /** After the configuration files are read, so that the profiles are known. */
  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }
}
