package vn.lgsp.hub.ops;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import vn.lgsp.hub.HubProperties;
import vn.lgsp.hub.access.LiveHubs;

/**
 * This hub's heartbeat in {@code hub_heartbeat}, and the count of hubs heard from within
 * {@code hub.fleet.lost-after}, by the database's clock. Starts with the hub (a restarted hub
 * rejoins by itself), deletes its row when it stops (the others take its share at their next beat);
 * while the database is away the last count stays in force. Meter: {@code hub_fleet_live_hubs}.
 */
@Component
public class HubHeartbeat implements LiveHubs, SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(HubHeartbeat.class);

  private final JdbcTemplate jdbc;
  private final FleetProperties fleet;
  private final String node;
  private volatile int live = 1;
  private volatile boolean databaseAnswered = true;
  private Instant startedAt;
  private ScheduledExecutorService beats;

  public HubHeartbeat(JdbcTemplate jdbc, FleetProperties fleet, HubProperties hub, MeterRegistry meters) {
    this.jdbc = jdbc;
    this.fleet = fleet;
    this.node = hub.node();
    Gauge.builder("hub.fleet.live_hubs", this, HubHeartbeat::live)
        .description("hubs heard from on this database lately, this one included").register(meters);
  }

  @Override
  public int live() {
    return live;
  }

  void beat() {
    try {
      jdbc.update("INSERT INTO hub_heartbeat (node_id, started_at, last_seen) VALUES (?, ?, now())"
          + " ON CONFLICT (node_id) DO UPDATE SET started_at = EXCLUDED.started_at, last_seen = now()",
          node, Timestamp.from(startedAt));
      Integer counted = jdbc.queryForObject("SELECT count(*) FROM hub_heartbeat"
          + " WHERE last_seen > now() - make_interval(secs => ?)", Integer.class, fleet.lostAfter().toMillis() / 1000.0);
      // rows of hubs long gone (a pod's name changes with each restart)
      jdbc.update("DELETE FROM hub_heartbeat WHERE last_seen < now() - interval '1 day'");
      live = Math.max(1, counted == null ? 1 : counted);
      databaseAnswered = true;
    } catch (DataAccessException e) {
      if (databaseAnswered) {
        log.warn("heartbeat not written ({}): keeping the last count of hubs, {}", e.getClass().getSimpleName(), live);
      }
      databaseAnswered = false;
    }
  }

  @Override
  public synchronized void start() {
    startedAt = Instant.now();
    beat();
    beats = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "hub-heartbeat"));
    long every = fleet.heartbeatEvery().toMillis();
    beats.scheduleWithFixedDelay(this::beat, every, every, TimeUnit.MILLISECONDS);
  }

  /** Stops beating without leaving: what a crash looks like to the other hubs. */
  synchronized void halt() {
    if (beats != null) {
      beats.shutdownNow();
      beats = null;
    }
  }

  @Override
  public synchronized void stop() {
    halt();
    try {
      jdbc.update("DELETE FROM hub_heartbeat WHERE node_id = ?", node);
    } catch (DataAccessException e) {
      log.debug("heartbeat row left for the others to age out ({})", e.getClass().getSimpleName());
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return beats != null;
  }
}
