package vn.lgsp.hub.security;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Counts failed authentications per account (client id or operator name) from one source address,
 * and per source address, in a sliding window, and says how long a new attempt must wait once
 * either is full. An account is counted per address so that nobody elsewhere can lock a client out
 * by failing in its name (client ids are public); a guesser is held back per account and per address. An attempt
 * refused here is not checked, so it is no failure: a guesser who keeps trying is held back, and
 * the account opens again one window after its last counted failure at most. Unknown and known
 * accounts are counted alike, so the answers do not tell which accounts exist.
 */
@Component
public class AuthenticationThrottle {

  private static final Logger log = LoggerFactory.getLogger(AuthenticationThrottle.class);
  private static final int MAX_ACCOUNT_KEY = 256;
  private static final String OVERFLOW = "overflow";

  private final SecurityProperties.Throttle limits;
  private final Clock clock;
  private final Map<String, FailureWindow> windows = new ConcurrentHashMap<>();

  public AuthenticationThrottle(SecurityProperties props, Clock clock) {
    this.limits = props.throttle();
    this.clock = clock;
  }

  /** How long an attempt on {@code account} from {@code address} must wait; zero if it may go on. */
  Duration wait(String account, String address) {
    long now = clock.millis();
    long waitMillis = Math.max(waitMillis(accountKey(account, address), now), waitMillis(addressKey(address), now));
    if (windows.size() >= limits.maxTracked()) {
      waitMillis = Math.max(waitMillis, waitMillis(OVERFLOW, now));
    }
    return Duration.ofMillis(waitMillis);
  }

  /** Counts a failed authentication of {@code account} from {@code address}. */
  void failed(String account, String address) {
    long now = clock.millis();
    boolean accountFull = count(accountKey(account, address), limits.failuresPerAccount(), now);
    boolean addressFull = count(addressKey(address), limits.failuresPerAddress(), now);
    if (accountFull || addressFull) {
      log.warn("authentication throttled for {}: {} failures within {}", accountFull ? "an account" : "address "
          + address, accountFull ? limits.failuresPerAccount() : limits.failuresPerAddress(), limits.window());
    }
  }

  private long waitMillis(String key, long now) {
    FailureWindow window = windows.get(key);
    return window == null ? 0 : window.waitMillis(now, limits.window().toMillis());
  }

  /** Counts one failure under {@code key}; true if the window is now full. */
  private boolean count(String key, int capacity, long now) {
    FailureWindow window = windows.get(key);
    if (window == null) {
      if (windows.size() >= limits.maxTracked()) {
        forgetExpired(now);
      }
      if (windows.size() >= limits.maxTracked()) {
        // never fail open: while the table is full, new keys share one window that throttles them all
        log.warn("authentication throttle tracks {} accounts and addresses already; counting the rest together",
            limits.maxTracked());
        return windows.computeIfAbsent(OVERFLOW, k -> new FailureWindow(limits.failuresPerAddress()))
            .add(now, limits.window().toMillis());
      }
      window = windows.computeIfAbsent(key, k -> new FailureWindow(capacity));
    }
    return window.add(now, limits.window().toMillis());
  }

  private void forgetExpired(long now) {
    windows.values().removeIf(w -> w.expired(now, limits.window().toMillis()));
  }

  /** Names are compared as the operator store compares them: without case. */
  private static String accountKey(String account, String address) {
    String name = account.length() > MAX_ACCOUNT_KEY ? account.substring(0, MAX_ACCOUNT_KEY) : account;
    return "account:" + name.toLowerCase(Locale.ROOT) + "@" + address;
  }

  private static String addressKey(String address) {
    return "address:" + address;
  }

  /** The times of the last {@code capacity} failures, oldest first, in a ring. */
  private static final class FailureWindow {
    private final long[] times;
    private int next;
    private int size;

    FailureWindow(int capacity) {
      this.times = new long[capacity];
    }

    synchronized boolean add(long now, long windowMillis) {
      times[next] = now;
      next = (next + 1) % times.length;
      size = Math.min(size + 1, times.length);
      return waitMillis(now, windowMillis) > 0;
    }

    /** Full, and its oldest failure still in the window: wait until that one leaves it. */
    synchronized long waitMillis(long now, long windowMillis) {
      if (size < times.length) {
        return 0;
      }
      long oldest = times[next];
      return Math.max(0, oldest + windowMillis - now);
    }

    synchronized boolean expired(long now, long windowMillis) {
      long newest = times[(next - 1 + times.length) % times.length];
      return newest + windowMillis <= now;
    }
  }
}
