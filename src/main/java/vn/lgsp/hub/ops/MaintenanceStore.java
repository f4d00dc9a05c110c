package vn.lgsp.hub.ops;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import vn.lgsp.hub.engine.Maintenance;

/**
 * Keeps the maintenance state in PostgreSQL, so that it survives restarts and holds on every hub
 * sharing the database: loaded before the hub takes traffic, written through on each change, and
 * re-read every few seconds to follow changes made on another hub. While the database is down
 * the last known state stays in force.
 */
@Component
public class MaintenanceStore implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(MaintenanceStore.class);
  private static final long REFRESH_SECONDS = 5;

  private final JdbcTemplate jdbc;
  private final Maintenance maintenance;
  private final Clock clock;
  private ScheduledExecutorService refresher;

  public MaintenanceStore(JdbcTemplate jdbc, Maintenance maintenance, Clock clock) {
    this.jdbc = jdbc;
    this.maintenance = maintenance;
    this.clock = clock;
  }

  public Maintenance.Suspension suspend(String routeId, String reason, String by) {
    Maintenance.Suspension suspension = new Maintenance.Suspension(reason, by, clock.instant());
    jdbc.update("INSERT INTO route_maintenance (route_id, reason, suspended_by, since) VALUES (?, ?, ?, ?)"
        + " ON CONFLICT (route_id) DO UPDATE SET reason = EXCLUDED.reason, suspended_by = EXCLUDED.suspended_by,"
        + " since = EXCLUDED.since", routeId, reason, by, OffsetDateTime.ofInstant(suspension.since(), ZoneOffset.UTC));
    refresh();
    return suspension;
  }

  public void resume(String routeId) {
    jdbc.update("DELETE FROM route_maintenance WHERE route_id = ?", routeId);
    refresh();
  }

  void refresh() {
    Map<String, Maintenance.Suspension> state = new HashMap<>();
    jdbc.query("SELECT route_id, reason, suspended_by, since FROM route_maintenance", rs -> {
      Instant since = rs.getObject("since", OffsetDateTime.class).toInstant();
      state.put(rs.getString("route_id"),
          new Maintenance.Suspension(rs.getString("reason"), rs.getString("suspended_by"), since));
    });
    maintenance.replace(state);
  }

  @Override
  public void start() {
    try {
      refresh();
    } catch (DataAccessException e) {
      log.warn("maintenance state not loaded ({}): no route suspended until the database answers",
          e.getClass().getSimpleName());
    }
    refresher = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "maintenance-refresh"));
    refresher.scheduleWithFixedDelay(() -> {
      try {
        refresh();
      } catch (DataAccessException e) {
        log.debug("maintenance state not refreshed ({})", e.getClass().getSimpleName());
      }
    }, REFRESH_SECONDS, REFRESH_SECONDS, TimeUnit.SECONDS);
  }

  @Override
  public void stop() {
    if (refresher != null) {
      refresher.shutdownNow();
      refresher = null;
    }
  }

  @Override
  public boolean isRunning() {
    return refresher != null;
  }
}
