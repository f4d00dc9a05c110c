package vn.lgsp.hub.connectors;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;
import vn.lgsp.hub.protocol.HubProblemException;

/**
 * What each connector's backend did lately: the meter {@code hub.connector.calls} (latency by
 * connector, operation and outcome) and, for health, when it last answered and last failed. An
 * answer the register gives on purpose (not found, invalid request) is an answer, not a failure.
 */
@Component
public class ConnectorActivity {

  /** When a backend last answered and last failed; null for never. */
  public record Last(Instant success, Instant failure) {}

  private record Key(String connector, String operation, String outcome) {}

  private final MeterRegistry meters;
  private final Clock clock;
  private final Map<Key, Timer> timers = new ConcurrentHashMap<>();
  private final Map<String, Instant> lastSuccess = new ConcurrentHashMap<>();
  private final Map<String, Instant> lastFailure = new ConcurrentHashMap<>();

  public ConnectorActivity(MeterRegistry meters, Clock clock) {
    this.meters = meters;
    this.clock = clock;
  }

  public Last last(String connector) {
    return new Last(lastSuccess.get(connector), lastFailure.get(connector));
  }

  void record(String connector, String operation, long nanos, RuntimeException failure) {
    String outcome = outcome(failure);
    Instant now = clock.instant();
    if (outcome.startsWith("provider-")) {
      lastFailure.put(connector, now);
    } else {
      lastSuccess.put(connector, now);
    }
    timers.computeIfAbsent(new Key(connector, operation, outcome), k -> Timer.builder("hub.connector.calls")
        .description("calls of a backend operation through its connector, retries and breaker included")
        .tag("connector", k.connector())
        .tag("operation", k.operation())
        .tag("outcome", k.outcome())
        .publishPercentileHistogram()
        .register(meters)).record(nanos, TimeUnit.NANOSECONDS);
  }

  private static String outcome(RuntimeException failure) {
    if (failure == null) {
      return "ok";
    }
    if (failure instanceof HubProblemException p) {
      return switch (p.type()) {
        case NOT_FOUND -> "not-found";
        case INVALID_REQUEST, INVALID_PERSONAL_ID -> "invalid-request";
        case PROVIDER_TIMEOUT -> "provider-timeout";
        case PROVIDER_UNAVAILABLE -> "provider-unavailable";
        default -> "provider-fault";
      };
    }
    return "provider-fault";
  }
}
