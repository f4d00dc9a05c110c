package vn.lgsp.hub.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.lgsp.hub.HubProperties;
import vn.lgsp.hub.access.AccessProperties;
import vn.lgsp.hub.access.Grant;
import vn.lgsp.hub.access.RateLimits;
import vn.lgsp.hub.protocol.ServiceId;
import vn.lgsp.hub.protocol.SubsystemId;
import vn.lgsp.hub.support.SharedTestDatabase;
import vn.lgsp.hub.support.TestDataDir;

/**
 * Two hubs on one database each enforce half of a limit; when one stops beating (stopped, or dead and
 * aged out) the other goes back to the whole limit; when it comes back, to half again.
 */
class SharedRateLimitsTest {

  private static final FleetProperties FLEET = new FleetProperties(Duration.ofMillis(200), Duration.ofMillis(1_500));
  private static final Duration WITHIN = Duration.ofSeconds(5);

  private final JdbcTemplate jdbc = new JdbcTemplate(SharedTestDatabase.get());
  private HubHeartbeat a;
  private HubHeartbeat b;

  @BeforeEach
  void twoHubs() {
    jdbc.update("DELETE FROM hub_heartbeat");
    a = heartbeat("hub-a");
    b = heartbeat("hub-b");
    a.start();
    b.start();
    await().atMost(WITHIN).until(() -> a.live() == 2 && b.live() == 2);
  }

  @AfterEach
  void stop() {
    a.stop();
    b.stop();
  }

  @Test
  void eachHubAllowsItsShareOfTheDayAndTakesTheWholeWhenTheOtherDies() {
    RateLimits onA = new RateLimits(new SimpleMeterRegistry(), Clock.systemUTC(), a);
    Grant grant = grant(new AccessProperties.Limits(null, 10L));
    assertThat(allowed(onA, grant, 10)).as("half of 10 a day while two hubs live").isEqualTo(5);

    b.halt();
    await().atMost(WITHIN).until(() -> a.live() == 1);
    assertThat(allowed(onA, grant, 10)).as("the rest of the day's limit once alone").isEqualTo(5);
  }

  @Test
  void eachHubAllowsItsShareOfASecondAndTheWholeWhenTheOtherLeavesThenHalfAgainWhenItRejoins() {
    RateLimits onA = new RateLimits(new SimpleMeterRegistry(), Clock.systemUTC(), a);
    Grant grant = grant(new AccessProperties.Limits(10, null));
    // a burst may straddle two seconds: ask again until one falls within one
    await().atMost(WITHIN).until(() -> allowed(onA, grant, 10) == 5);

    b.stop();
    await().atMost(WITHIN).until(() -> a.live() == 1);
    await().atMost(WITHIN).until(() -> allowed(onA, grant, 20) == 10);

    b.start();
    await().atMost(WITHIN).until(() -> a.live() == 2);
    await().atMost(WITHIN).until(() -> allowed(onA, grant, 20) == 5);
  }

  private static long allowed(RateLimits limits, Grant grant, int calls) {
    return IntStream.range(0, calls).filter(i -> limits.acquire(grant).isEmpty()).count();
  }

  private static Grant grant(AccessProperties.Limits limits) {
    return new Grant(SubsystemId.parse("VN/GOV/UBND-HN/MOTCUA"), ServiceId.parse("VN/GOV/BCA/DANCU/citizen-info"),
        Set.of(), null, limits, null);
  }

  private HubHeartbeat heartbeat(String node) {
    return new HubHeartbeat(jdbc, FLEET, new HubProperties(TestDataDir.create(node), null, node), new SimpleMeterRegistry());
  }
}
