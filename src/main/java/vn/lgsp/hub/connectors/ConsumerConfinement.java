package vn.lgsp.hub.connectors;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Keeps one consumer's failures from opening a register's breaker for every consumer. Each consumer
 * has a breaker of its own per connector (same settings, named {@code connector for consumer}), which
 * counts every provider failure of its calls. The connector's shared breaker counts a failure only
 * when it is not confined to one consumer: another consumer's calls failed too within {@link
 * #SPREAD_WINDOW}, or the backend could not be reached at all (no request content causes that). A
 * consumer whose requests make a register fail thus stops itself; a register failing for several
 * consumers stops for all of them, as before.
 */
final class ConsumerConfinement {

  /** How recent another consumer's failure must be for a failure to count against the register. */
  static final Duration SPREAD_WINDOW = Duration.ofSeconds(60);

  private final String connectorId;
  private final CircuitBreakerRegistry breakers;
  private final CircuitBreakerConfig config;
  private final Map<String, Long> lastFailureNanos = new ConcurrentHashMap<>();

  ConsumerConfinement(String connectorId, CircuitBreakerRegistry breakers, CircuitBreakerConfig config) {
    this.connectorId = connectorId;
    this.breakers = breakers;
    this.config = config;
  }

  /** The name of {@code consumer}'s own breaker for this connector. */
  String breakerName(String consumer) {
    return connectorId + " for " + consumer;
  }

  /** Calls through the consumer's breaker and the register's; refused at once while either is open. */
  <T> T call(String consumer, CircuitBreaker shared, Supplier<T> call) {
    CircuitBreaker own = breakers.circuitBreaker(breakerName(consumer), config);
    own.acquirePermission();
    try {
      shared.acquirePermission();
    } catch (CallNotPermittedException e) {
      own.releasePermission();
      throw e;
    }
    long started = System.nanoTime();
    try {
      T answer = call.get();
      long took = System.nanoTime() - started;
      own.onSuccess(took, TimeUnit.NANOSECONDS);
      shared.onSuccess(took, TimeUnit.NANOSECONDS);
      return answer;
    } catch (RuntimeException e) {
      long took = System.nanoTime() - started;
      own.onError(took, TimeUnit.NANOSECONDS, e);
      if (countsForEveryone(consumer, e)) {
        shared.onError(took, TimeUnit.NANOSECONDS, e);
      } else {
        shared.releasePermission();
      }
      throw e;
    }
  }

  private boolean countsForEveryone(String consumer, RuntimeException failure) {
    if (!ResilienceFactory.isProviderFailure(failure) || ProviderFailures.isUnreachableCause(failure)) {
      // not a failure (the breaker records it as a success), or one no request content causes
      return true;
    }
    long now = System.nanoTime();
    lastFailureNanos.put(consumer, now);
    long since = now - SPREAD_WINDOW.toNanos();
    for (Map.Entry<String, Long> other : lastFailureNanos.entrySet()) {
      if (!other.getKey().equals(consumer) && other.getValue() - since > 0 && stillFailing(other.getKey())) {
        return true;
      }
    }
    return false;
  }

  /** Whether the consumer's own breaker still holds failures (a reset breaker forgets them). */
  private boolean stillFailing(String consumer) {
    return breakers.find(breakerName(consumer)).map(b -> b.getMetrics().getNumberOfFailedCalls() > 0).orElse(false);
  }
}
