package vn.lgsp.hub;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * How a hub follows state it shares with the other hubs in the database (suspensions, revoked tokens, access
 * rights, published services): one round every half second on a thread of its own, from start until closed,
 * so that the hubs agree well within the 2 s they promise. A round that fails (the database away) is logged
 * and the next one tries again: a scheduled task that throws would never run again.
 */
public final class Refresher implements AutoCloseable {

  private static final long EVERY_MILLIS = 500;

  private final ScheduledExecutorService executor;

  private Refresher(ScheduledExecutorService executor) {
    this.executor = executor;
  }

  /**
   * Starts the rounds, the first half a second from now (the caller has done its first round itself, before the
   * hub takes traffic).
   *
   * @param what what is followed, for the log line of a failed round
   */
  public static Refresher everyHalfSecond(String thread, Logger log, String what, Runnable round) {
    ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, thread));
    executor.scheduleWithFixedDelay(() -> {
      try {
        round.run();
      } catch (RuntimeException e) {
        log.debug("{} not refreshed ({})", what, e.getClass().getSimpleName());
      }
    }, EVERY_MILLIS, EVERY_MILLIS, TimeUnit.MILLISECONDS);
    return new Refresher(executor);
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
