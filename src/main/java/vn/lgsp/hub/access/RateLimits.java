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
 * (a Resilience4j rate limiter that never waits) and per UTC day. Counted by this hub, which
 * enforces its share of each limit: the limit divided by the hubs alive now ({@link LiveHubs}),
 * rounded up, so a balancer that spreads calls evenly lets the whole limit through and no more than
 * one call per hub above it. A hub that stops or dies hands its share back to the others within
 * seconds. Meters: {@code resilience4j_ratelimiter_*} (by limiter name) and {@code hub_rate_limited_total}.
 */
@Component
public class RateLimits {

  /** A refusal: which limit, and in how many seconds the caller may try again. */
  public record Refusal(String limit, long retryAfterSeconds) {}

  private final RateLimiterRegistry limiters = RateLimiterRegistry.ofDefaults();
  private final Map<String, DayCount> days = new ConcurrentHashMap<>();
  private final MeterRegistry meters;
  private final Clock clock;
  private final LiveHubs hubs;

  public RateLimits(MeterRegistry meters, Clock clock, LiveHubs hubs) {
    this.meters = meters;
    this.clock = clock;
    this.hubs = hubs;
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
    int live = Math.max(1, hubs.live());
    if (limits.perSecond() != null && !limiter(key, (int) share(limits.perSecond(), live)).acquirePermission()) {
      return Optional.of(new Refusal("per-second", 1));
    }
    if (limits.perDay() != null) {
      LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
      DayCount count = days.compute(key, (k, c) -> c == null || !c.day().equals(today) ? new DayCount(today) : c);
      if (count.calls().incrementAndGet() > share(limits.perDay(), live)) {
        // a refused call is not counted: when this hub's share grows (another hub left) the rest is still there
        count.calls().decrementAndGet();
        long untilMidnight = Duration.between(clock.instant(), today.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant())
            .toSeconds() + 1;
        return Optional.of(new Refusal("per-day", untilMidnight));
      }
    }
    return Optional.empty();
  }

  /** This hub's share of a limit, rounded up: never below 1. */
  static long share(long limit, int live) {
    return (limit + live - 1) / live;
  }

  /** The limiter of a key at this hub's current share (a change applies from the next second). */
  private RateLimiter limiter(String key, int perSecond) {
    RateLimiter limiter = limiters.rateLimiter(key, () -> RateLimiterConfig.custom()
        .limitForPeriod(perSecond)
        .limitRefreshPeriod(Duration.ofSeconds(1))
        .timeoutDuration(Duration.ZERO)
        .build());
    if (limiter.getRateLimiterConfig().getLimitForPeriod() != perSecond) {
      limiter.changeLimitForPeriod(perSecond);
    }
    return limiter;
  }

  private record DayCount(LocalDate day, AtomicLong calls) {
    DayCount(LocalDate day) {
      this(day, new AtomicLong());
    }
  }
}
