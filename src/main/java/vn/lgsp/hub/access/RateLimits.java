package vn.lgsp.hub.access;

import io.github.resilience4j.micrometer.tagged.TaggedRateLimiterMetrics;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * The request limits of the access rights: per client, and per client and service, per second
 * (a Resilience4j rate limiter that never waits) and per UTC day. Counted by this hub: with several
 * hubs behind a load balancer each enforces the limits on its own share. Meters:
 * {@code resilience4j_ratelimiter_*} (by limiter name) and {@code hub_rate_limited_total}.
 */
@Component
public class RateLimits {

  /** A refusal: which limit, and in how many seconds the caller may try again. */
  public record Refusal(String limit, long retryAfterSeconds) {}

  private final RateLimiterRegistry limiters = RateLimiterRegistry.ofDefaults();
  private final Map<String, DayCount> days = new ConcurrentHashMap<>();
  private final MeterRegistry meters;
  private final Clock clock;

  public RateLimits(MeterRegistry meters, Clock clock) {
    this.meters = meters;
    this.clock = clock;
    TaggedRateLimiterMetrics.ofRateLimiterRegistry(limiters).bindTo(meters);
  }

  /** Takes one call from the grant's per-service and per-client allowance; empty if allowed. */
  public Optional<Refusal> acquire(Grant grant) {
    Optional<Refusal> refusal = take(grant.limits(), () -> grant.client() + "|" + grant.service());
    if (refusal.isEmpty()) {
      refusal = take(grant.clientLimits(), () -> grant.client().toString());
    }
    refusal.ifPresent(r -> Counter.builder("hub.rate_limited").description("calls refused by a request limit")
        .tag("client", grant.client().toString()).tag("service", grant.service().toString()).tag("limit", r.limit())
        .register(meters).increment());
    return refusal;
  }

  /** The limiter's name is built only for a limit that exists: most grants have none. */
  private Optional<Refusal> take(AccessProperties.Limits limits, Supplier<String> name) {
    if (limits == null) {
      return Optional.empty();
    }
    String key = name.get();
    if (limits.perSecond() != null && !limiter(key, limits.perSecond()).acquirePermission()) {
      return Optional.of(new Refusal("per-second", 1));
    }
    if (limits.perDay() != null) {
      LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
      DayCount count = days.compute(key, (k, c) -> c == null || !c.day().equals(today) ? new DayCount(today) : c);
      if (count.calls().incrementAndGet() > limits.perDay()) {
        long untilMidnight = Duration.between(clock.instant(), today.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant())
            .toSeconds() + 1;
        return Optional.of(new Refusal("per-day", untilMidnight));
      }
    }
    return Optional.empty();
  }

  private RateLimiter limiter(String key, int perSecond) {
    return limiters.rateLimiter(key, () -> RateLimiterConfig.custom()
        .limitForPeriod(perSecond)
        .limitRefreshPeriod(Duration.ofSeconds(1))
        .timeoutDuration(Duration.ZERO)
        .build());
  }

  private record DayCount(LocalDate day, AtomicLong calls) {
    DayCount(LocalDate day) {
      this(day, new AtomicLong());
    }
  }
}
