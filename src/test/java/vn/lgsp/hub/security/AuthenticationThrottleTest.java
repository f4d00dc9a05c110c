package vn.lgsp.hub.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Failed authentications per account and per address in a sliding window, on a clock the test moves. */
class AuthenticationThrottleTest {

  private static final String HERE = "198.51.100.7";
  private static final String ELSEWHERE = "203.0.113.9";

  private final MovableClock clock = new MovableClock(Instant.parse("2026-12-02T08:00:00Z"));

  private AuthenticationThrottle throttle(int perAccount, int perAddress) {
    SecurityProperties props = new SecurityProperties("https://hub.test", true, null, "lgsp-hub", Duration.ofMinutes(5),
        List.of(), List.of(), 10, Duration.ofMinutes(10),
        new SecurityProperties.Throttle(perAccount, perAddress, Duration.ofMinutes(1), 1000), null);
    return new AuthenticationThrottle(props, clock);
  }

  @Test
  void anAccountIsHeldBackAfterItsFailuresFromOneAddressUntilTheOldestLeavesTheWindow() {
    AuthenticationThrottle throttle = throttle(5, 20);
    for (int i = 0; i < 5; i++) {
      assertThat(throttle.wait("operator", HERE)).as("attempt %d", i + 1).isZero();
      throttle.failed("operator", HERE);
      clock.advance(Duration.ofSeconds(10));
    }
    // failures at 0, 10, 20, 30, 40 s; now 50 s: the first leaves the window at 60 s
    assertThat(throttle.wait("operator", HERE)).isEqualTo(Duration.ofSeconds(10));
    assertThat(throttle.wait("operator", ELSEWHERE)).as("nobody elsewhere can lock the account out").isZero();
    assertThat(throttle.wait("OPERATOR", HERE)).as("names compared without case").isPositive();
    assertThat(throttle.wait("auditor", HERE)).as("another account from the same address").isZero();

    clock.advance(Duration.ofSeconds(10));
    assertThat(throttle.wait("operator", HERE)).isZero();
    throttle.failed("operator", HERE);
    assertThat(throttle.wait("operator", HERE)).as("one more failure fills the window again")
        .isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void anAddressIsHeldBackAfterItsFailuresForAnyAccount() {
    AuthenticationThrottle throttle = throttle(5, 20);
    for (int i = 0; i < 20; i++) {
      throttle.failed("guess-" + i, HERE);
    }
    assertThat(throttle.wait("a-name-never-tried", HERE)).isEqualTo(Duration.ofMinutes(1));
    assertThat(throttle.wait("a-name-never-tried", ELSEWHERE)).isZero();
    clock.advance(Duration.ofMinutes(1));
    assertThat(throttle.wait("a-name-never-tried", HERE)).isZero();
  }

  @Test
  void failuresBelowTheLimitHoldNobodyBack() {
    AuthenticationThrottle throttle = throttle(5, 20);
    for (int i = 0; i < 4; i++) {
      throttle.failed("operator", HERE);
    }
    assertThat(throttle.wait("operator", HERE)).isZero();
  }

  @Test
  void trackingIsBoundedAndForgetsExpiredWindowsFirst() {
    AuthenticationThrottle throttle = new AuthenticationThrottle(new SecurityProperties("https://hub.test", true, null,
        "lgsp-hub", Duration.ofMinutes(5), List.of(), List.of(), 10, Duration.ofMinutes(10),
        new SecurityProperties.Throttle(1, 1000, Duration.ofMinutes(1), 100), null), clock);
    for (int i = 0; i < 99; i++) {
      throttle.failed("sprayed-" + i, HERE);
    }
    // 99 accounts and one address tracked: while the map is full, new names share one window (of
    // the per-address size, 1000 here), so they are still counted, never let through uncounted
    throttle.failed("one-too-many", HERE);
    assertThat(throttle.wait("one-too-many", ELSEWHERE)).isZero();
    AuthenticationThrottle full = new AuthenticationThrottle(new SecurityProperties("https://hub.test", true, null,
        "lgsp-hub", Duration.ofMinutes(5), List.of(), List.of(), 10, Duration.ofMinutes(10),
        new SecurityProperties.Throttle(100, 3, Duration.ofMinutes(1), 2), null), clock);
    full.failed("first", HERE);
    for (int i = 0; i < 3; i++) {
      full.failed("spray-" + i, "192.0.2." + i);
    }
    assertThat(full.wait("never-tried", "192.0.2.99")).as("the shared window of a full table is full").isPositive();
    // once the old windows expire they make room
    clock.advance(Duration.ofMinutes(2));
    throttle.failed("one-too-many", ELSEWHERE);
    assertThat(throttle.wait("one-too-many", ELSEWHERE)).isPositive();
  }
}
