package vn.lgsp.hub.engine;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Beans the engine shares. */
@Configuration(proxyBeanMethods = false)
public class EngineConfiguration {

  /** One clock for all timestamps of the request path; tests may replace it. */
  @Bean
  Clock hubClock() {
    return Clock.systemUTC();
  }
}
