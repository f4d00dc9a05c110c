package vn.lgsp.hub.connectors;

import io.github.resilience4j.micrometer.tagged.TaggedBulkheadMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * Publishes the connectors' breakers, bulkheads and retries as meters
 * ({@code resilience4j_circuitbreaker_state}, {@code resilience4j_bulkhead_available_concurrent_calls} ...),
 * tagged with the connector id.
 */
@Component
public class ResilienceMetrics {

  public ResilienceMetrics(ResilienceFactory resilience, MeterRegistry meters) {
    TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(resilience.breakers()).bindTo(meters);
    TaggedBulkheadMetrics.ofBulkheadRegistry(resilience.bulkheads()).bindTo(meters);
    TaggedRetryMetrics.ofRetryRegistry(resilience.retries()).bindTo(meters);
  }
}
