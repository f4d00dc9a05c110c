package vn.lgsp.hub.audit.files;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import vn.lgsp.hub.audit.AuditProperties;
import vn.lgsp.hub.audit.pipeline.AuditTrail;
import vn.lgsp.hub.audit.pipeline.LeadershipListener;

/**
 * Archives records older than {@code hub.audit.retention.max-age} at every {@code check-every};
 * idle when no maximum age is configured. Each archive run is an event in the chain. It runs on the
 * leader only ({@link vn.lgsp.hub.audit.pipeline.LeaderElection}), beside the writer.
 */
@Component
public class RetentionJob implements LeadershipListener {

  private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);

  private final ExchangeLogArchive archive;
  private final AuditTrail trail;
  private final AuditProperties.Retention retention;
  private final Clock clock;
  private ScheduledExecutorService scheduler;

  public RetentionJob(ExchangeLogArchive archive, AuditTrail trail, AuditProperties audit, Clock clock) {
    this.archive = archive;
    this.trail = trail;
    this.retention = audit.retention();
    this.clock = clock;
  }

  @Override
  public synchronized void becameLeader() {
    Duration maxAge = retention.maxAge();
    if (maxAge == null) {
      return;
    }
    scheduler = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "exchange-log-retention"));
    long every = retention.checkEvery().toMillis();
    scheduler.scheduleWithFixedDelay(() -> runOnce(maxAge), every, every, TimeUnit.MILLISECONDS);
  }

  void runOnce(Duration maxAge) {
    try {
      archive.archiveBefore(clock.instant().minus(maxAge)).ifPresent(a -> trail.event(AuditTrail.HUB,
          "exchange-log.archive", "retention " + maxAge + ": " + a.records() + " records " + a.firstSeq() + "-"
              + a.lastSeq() + " to " + a.file().getFileName(), null));
    } catch (RuntimeException e) {
      log.error("exchange-log archiving failed ({}); records stay in the database", e.getMessage());
    }
  }

  /**
   * Stops the schedule (interrupting a run under way): a run purges only in its one transaction, after
   * its archive is verified, and runs on all hubs take turns on an advisory lock, so a run cut short or
   * one overlapping the next leader's leaves the log whole.
   */
  @Override
  public synchronized void lostLeadership() {
    if (scheduler != null) {
      scheduler.shutdownNow();
      scheduler = null;
    }
  }

  public synchronized boolean isRunning() {
    return scheduler != null;
  }
}
