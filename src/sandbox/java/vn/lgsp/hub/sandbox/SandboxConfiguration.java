package vn.lgsp.hub.sandbox;

import java.time.Duration;

import org.springframework.boot.context.event.ApplicationReadyEvent;

import org.springframework.context.ApplicationListener;

import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import vn.lgsp.hub.sandbox.population.PopulationRegisterSandbox;
import vn.lgsp.hub.sandbox.population.SyntheticPopulation;
import vn.lgsp.hub.sandbox.rest.BankSandbox;
import vn.lgsp.hub.sandbox.rest.InsuranceSandbox;
import vn.lgsp.hub.sandbox.rest.TaxSandbox;

/**
 * The sandbox registers, started with the hub in the sandbox profile on the loopback ports that
 * {@link SandboxEndpoints} chose. They are separate servers, not hub endpoints: the hub reaches
 * them over HTTP exactly as it reaches a ministry's backend. All draw on one synthetic population,
 * so a person's name and birth date agree across registers.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "hub.sandbox.enabled", havingValue = "true")
public class SandboxConfiguration {

  /** The sandbox's ports and the connectors' endpoints, in the environment before any bean reads them. */
  @Bean
  static SandboxEndpoints sandboxEndpoints(ConfigurableEnvironment environment) {
    return new SandboxEndpoints(environment);
  }

  @Bean
  SyntheticPopulation syntheticPopulation() {
    return new SyntheticPopulation();
  }

  @Bean(name = "population-register", initMethod = "start", destroyMethod = "stop")
  PopulationRegisterSandbox populationRegisterSandbox(
      @Value("${hub.sandbox.population-register.port}") int port, SyntheticPopulation population) {
    return new PopulationRegisterSandbox(port, population);
  }

  @Bean(name = "tax-register", initMethod = "start", destroyMethod = "stop")
  TaxSandbox taxSandbox(@Value("${hub.sandbox.tax-register.port}") int port, SyntheticPopulation population) {
    return new TaxSandbox(port, population);
  }

  @Bean(name = "social-insurance", initMethod = "start", destroyMethod = "stop")
  InsuranceSandbox insuranceSandbox(
      @Value("${hub.sandbox.social-insurance.port}") int port, SyntheticPopulation population) {
    return new InsuranceSandbox(port, population);
  }

  /** Time-stamps the seal witness's seals ({@code hub.audit.witness.tsa-url} points here). */
  @Bean(initMethod = "start", destroyMethod = "stop")
  SandboxTimeStampAuthority sandboxTimeStampAuthority(@Value("${hub.sandbox.time-stamping.port}") int port) {
    return new SandboxTimeStampAuthority(port);
  }

  @Bean(name = "vcb-accounts", initMethod = "start", destroyMethod = "stop")
  BankSandbox bankSandbox(
      @Value("${hub.sandbox.vcb-accounts.port}") int port,
      @Value("${hub.secrets.vcb-signing-key}") String key,
      @Value("${hub.sandbox.vcb-accounts.answer-signing-key}") String answerSigningKey,
      SyntheticPopulation population,
      Clock clock) {
    return new BankSandbox(port, population, key, answerSigningKey, clock);
  }

  /**
   * The population register's events on a slow schedule ({@code hub.sandbox.events.every}), posted to this hub's
   * plain HTTP front door; off with {@code hub.sandbox.events.enabled=false} or when the hub listens on TLS.
   */
  @Bean(destroyMethod = "stop")
  SandboxEventPublisher sandboxEventPublisher(ConfigurableEnvironment environment,
      @Value("${hub.sandbox.events.client-secret}") String secret, SyntheticPopulation population, Clock clock) {
    return new SandboxEventPublisher(() -> "http://127.0.0.1:" + environment.getProperty("local.server.port"), secret,
        population, clock);
  }

  @Bean
  ApplicationListener<ApplicationReadyEvent> sandboxEventSchedule(SandboxEventPublisher publisher,
      @Value("${hub.sandbox.events.enabled:true}") boolean enabled, @Value("${hub.sandbox.events.every:2m}") Duration every,
      @Value("${server.ssl.enabled:false}") boolean tls) {
    return event -> {
      if (enabled && !tls) {
        publisher.start(every);
      }
    };
  }
}
