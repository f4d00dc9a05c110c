package vn.lgsp.hub.engine;

import java.time.Clock;
import org.springframework.boot.jackson.autoconfigure.JsonFactoryBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import tools.jackson.core.StreamReadConstraints;

/** Beans the engine shares. */
@Configuration(proxyBeanMethods = false)
public class EngineConfiguration {

  /** One clock for all timestamps of the request path; tests may replace it. */
  @Bean
  Clock hubClock() {
    return Clock.systemUTC();
  }

  /**
   * JSON bodies are flat objects: bounded nesting, string and number sizes stop parser attacks. Applied to the
   * factory of Boot's JSON mapper, after Boot's own {@code spring.jackson.factory.*} customizer.
   */
  @Bean
  @Order(Ordered.LOWEST_PRECEDENCE)
  JsonFactoryBuilderCustomizer boundedJson(EngineProperties limits) {
    return builder -> builder.streamReadConstraints(
        StreamReadConstraints.builder()
            .maxNestingDepth(limits.maxJsonDepth())
            .maxStringLength(limits.maxBodyBytes())
            .maxNumberLength(100)
            .build());
  }
}
