package vn.lgsp.hub.connectors;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import vn.lgsp.hub.protocol.HubProblemException;

/**
 * One named Resilience4j set per connector (breaker, bulkhead, retry), registered under the
 * connector id so health and metrics can find it. Only provider failures count against the
 * breaker: a "not found" answer is a healthy backend. Beside the connector's breaker each consumer
 * has its own ({@link ConsumerConfinement}), so that failures only one consumer's requests cause
 * stop that consumer, not the register for everyone.
 */
@Component
public class ResilienceFactory {

  private final CircuitBreakerRegistry breakers = CircuitBreakerRegistry.ofDefaults();
  private final BulkheadRegistry bulkheads = BulkheadRegistry.ofDefaults();
  private final RetryRegistry retries = RetryRegistry.ofDefaults();

  public CircuitBreakerRegistry breakers() {
    return breakers;
  }

  public BulkheadRegistry bulkheads() {
    return bulkheads;
  }

  public RetryRegistry retries() {
    return retries;
  }

  /** Wraps calls of one connector: retry (when allowed) around breaker around bulkhead. */
  /** Forgets a connector's breaker, bulkhead and retry, so that a changed descriptor's settings take effect. */
  void forget(String id) {
    breakers.remove(id);
    bulkheads.remove(id);
    retries.remove(id);
  }

  Guard guardFor(ConnectorDescriptor d) {
    ConnectorDescriptor.CircuitBreakerSpec cb = d.circuitBreaker();
    CircuitBreakerConfig breakerConfig =
        CircuitBreakerConfig.custom()
            .failureRateThreshold(cb.failureRateThreshold())
            .slidingWindowSize(cb.slidingWindowSize())
            .minimumNumberOfCalls(cb.minimumNumberOfCalls())
            .waitDurationInOpenState(cb.waitInOpenState())
            .permittedNumberOfCallsInHalfOpenState(cb.permittedCallsInHalfOpenState())
            .recordException(ResilienceFactory::isProviderFailure)
            .build();
    CircuitBreaker breaker = breakers.circuitBreaker(d.id(), breakerConfig);
    ConsumerConfinement confinement = new ConsumerConfinement(d.id(), breakers, breakerConfig);
    Bulkhead bulkhead =
        bulkheads.bulkhead(
            d.id(),
            BulkheadConfig.custom()
                .maxConcurrentCalls(d.bulkhead().maxConcurrentCalls())
                .maxWaitDuration(d.bulkhead().maxWait())
                .build());
    ConnectorDescriptor.RetrySpec spec = d.retry();
    Retry retry =
        spec == null
            ? null
            : retries.retry(
                d.id(),
                RetryConfig.custom()
                    .maxAttempts(spec.maxAttempts())
                    .waitDuration(spec.backoff())
                    .retryOnException(ProviderFailures::isUnreachable)
                    .build());
    return new Guard(breaker, confinement, bulkhead, retry);
  }

  static boolean isProviderFailure(Throwable t) {
    return !(t instanceof HubProblemException p) || p.type().code().startsWith("Server.Provider.");
  }

  /** The resilience wrapping of one connector. */
  record Guard(CircuitBreaker breaker, ConsumerConfinement confinement, Bulkhead bulkhead, Retry retry) {

    <T> T call(String consumer, boolean idempotent, Supplier<T> call) {
      Supplier<T> bounded = Bulkhead.decorateSupplier(bulkhead, call);
      Supplier<T> guarded = () -> confinement.call(consumer, breaker, bounded);
      if (idempotent && retry != null) {
        guarded = Retry.decorateSupplier(retry, guarded);
      }
      return guarded.get();
    }
  }
}
