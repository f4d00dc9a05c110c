package vn.lgsp.hub.sandbox;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vn.lgsp.hub.sandbox.population.PopulationRegisterSandbox;

/**
 * The sandbox registers, started with the hub in the sandbox profile on the loopback ports that
 * {@link SandboxEndpoints} chose. They are separate servers, not hub endpoints: the hub reaches
 * them over HTTP exactly as it reaches a ministry's backend.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "hub.sandbox.enabled", havingValue = "true")
public class SandboxConfiguration {

  @Bean(initMethod = "start", destroyMethod = "stop")
  PopulationRegisterSandbox populationRegisterSandbox(
      @Value("${hub.sandbox.population-register.port}") int port) {
    return new PopulationRegisterSandbox(port);
  }
}
