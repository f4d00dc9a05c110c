package vn.lgsp.hub.batch;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import vn.lgsp.hub.access.AccessPolicy;
import vn.lgsp.hub.access.AccessProperties;
import vn.lgsp.hub.access.Grant;
import vn.lgsp.hub.access.LiveHubs;
import vn.lgsp.hub.protocol.ServiceId;
import vn.lgsp.hub.protocol.SubsystemId;

/**
 * How fast a client's batch items run on this hub: a share ({@code hub.batch.share-of-quota}) of
 * the tighter of its per-second limits for the service and overall, divided among the hubs alive
 * (each enforces its own share of a limit), so that the items stay within the client's quota and its
 * interactive calls keep the rest; {@code hub.batch.rate-per-second} when its rights set no limit.
 * The rate follows the rights in force: a changed limit applies from the next item.
 */
@Component
class BatchPacer {

  private final AccessPolicy policy;
  private final LiveHubs hubs;
  private final BatchProperties props;
  private final Map<String, RateLimiter> limiters = new ConcurrentHashMap<>();

  BatchPacer(AccessPolicy policy, LiveHubs hubs, BatchProperties props) {
    this.policy = policy;
    this.hubs = hubs;
    this.props = props;
  }

  /** Waits up to a second for the client's next item; false if none was free by then (the caller asks again). */
  boolean awaitTurn(SubsystemId client, ServiceId service) {
    int rate = ratePerSecond(client, service);
    RateLimiter limiter = limiters.compute(client + "|" + service, (key, existing) -> {
      if (existing != null && existing.getRateLimiterConfig().getLimitForPeriod() == rate) {
        return existing;
      }
      return RateLimiter.of(key, RateLimiterConfig.custom().limitForPeriod(rate)
          .limitRefreshPeriod(Duration.ofSeconds(1)).timeoutDuration(Duration.ofSeconds(1)).build());
    });
    return limiter.acquirePermission();
  }

  int ratePerSecond(SubsystemId client, ServiceId service) {
    Grant grant = policy.grantFor(client, service).orElse(null);
    Integer limit = grant == null ? null : tighter(grant.limits(), grant.clientLimits());
    if (limit == null) {
      return props.ratePerSecond();
    }
    return (int) Math.max(1, Math.floor(limit * props.shareOfQuota() / Math.max(1, hubs.live())));
  }

  private static Integer tighter(AccessProperties.Limits service, AccessProperties.Limits client) {
    Integer a = service == null ? null : service.perSecond();
    Integer b = client == null ? null : client.perSecond();
    if (a == null || b == null) {
      return a == null ? b : a;
    }
    return Math.min(a, b);
  }
}
