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
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;
import vn.lgsp.hub.protocol.ServiceId;
import vn.lgsp.hub.protocol.SubsystemId;

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

  private final Map<String, AccessProperties.Limits> clientLimits = new HashMap<>();
  private final Map<String, AccessProperties.Limits> serviceLimits = new HashMap<>();
  private final RateLimiterRegistry limiters = RateLimiterRegistry.ofDefaults();
  private final Map<String, DayCount> days = new ConcurrentHashMap<>();
  private final MeterRegistry meters;
  private final Clock clock;

  public RateLimits(AccessProperties access, MeterRegistry meters, Clock clock) {
    this.meters = meters;
    this.clock = clock;
    for (AccessProperties.ClientGrants grants : access.grants()) {
      if (grants.limits() != null) {
        clientLimits.put(grants.client(), grants.limits());
      }
      for (AccessProperties.ServiceGrant service : grants.services()) {
        AccessProperties.Limits limits = service.limits() != null ? service.limits() : grants.serviceLimits();
        if (limits != null) {
          serviceLimits.put(key(grants.client(), service.service()), limits);
        }
      }
    }
    TaggedRateLimiterMetrics.ofRateLimiterRegistry(limiters).bindTo(meters);
  }

  /** The limits a client has for one service (for the directory); empty when unlimited. */
  public Optional<AccessProperties.Limits> limitsFor(SubsystemId client, ServiceId service) {
    return Optional.ofNullable(serviceLimits.get(key(client.toString(), service.toString())));
  }

  /** Takes one call from the client's and the client-and-service's allowance; empty if allowed. */
  public Optional<Refusal> acquire(SubsystemId client, ServiceId service) {
    String clientKey = client.toString();
    String serviceKey = key(clientKey, service.toString());
    Optional<Refusal> refusal = take(serviceKey, serviceLimits.get(serviceKey));
    if (refusal.isEmpty()) {
      refusal = take(clientKey, clientLimits.get(clientKey));
    }
    refusal.ifPresent(r -> Counter.builder("hub.rate_limited").description("calls refused by a request limit")
        .tag("client", clientKey).tag("service", service.toString()).tag("limit", r.limit())
        .register(meters).increment());
    return refusal;
  }

  private Optional<Refusal> take(String key, AccessProperties.Limits limits) {
    if (limits == null) {
      return Optional.empty();
    }
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

  private static String key(String client, String service) {
    return client + "|" + service;
  }

  private record DayCount(LocalDate day, AtomicLong calls) {
    DayCount(LocalDate day) {
      this(day, new AtomicLong());
    }
  }
}
