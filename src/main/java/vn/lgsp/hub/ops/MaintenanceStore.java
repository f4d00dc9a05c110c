package vn.lgsp.hub.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;
import vn.lgsp.hub.HubProperties;
import vn.lgsp.hub.FollowedState;
import vn.lgsp.hub.engine.Maintenance;

/**
 * Keeps the maintenance state in PostgreSQL, so that it survives restarts and holds on every hub
 * sharing the database: a route's suspension and hub maintenance (row {@code *}) on all of them,
 * since behind a load balancer an operator cannot choose which hub takes the call; maintenance of
 * one node alone is row {@code *@<node id>}. Loaded before the hub takes traffic, written through
 * on each change, re-read every half second to follow changes made on another hub (a one-row-per-suspension
 * table: a second's poll costs less than a LISTEN connection that must be watched and re-opened), and
 * copied to the data directory: while the database is down (even at start) the last known state
 * stays in force.
 */
@Component
public class MaintenanceStore extends FollowedState {

  private static final Logger log = LoggerFactory.getLogger(MaintenanceStore.class);

  private final JdbcTemplate jdbc;
  private final Maintenance maintenance;
  private final Clock clock;
  private final String node;
  private final String hubKey;
  private final Path copy;
  private final ObjectMapper json;
  /** What the copy in the data directory holds; null until written: written only when it changes. */
  private Map<String, Maintenance.Suspension> copied;

  public MaintenanceStore(JdbcTemplate jdbc, Maintenance maintenance, HubProperties hub, ObjectMapper json, Clock clock) {
    super("maintenance-refresh", "maintenance state", log);
    this.jdbc = jdbc;
    this.maintenance = maintenance;
    this.clock = clock;
    this.json = json;
    this.node = hub.node();
    this.hubKey = nodeRow(node);
    this.copy = hub.dataDir().resolve("maintenance.json");
  }

  /** Suspends a route, or every hub ({@link Maintenance#WHOLE_HUB}). */
  public synchronized Maintenance.Suspension suspend(String routeId, String reason, String by) {
    Maintenance.Suspension suspension = new Maintenance.Suspension(reason, by, clock.instant());
    jdbc.update("INSERT INTO route_maintenance (route_id, reason, suspended_by, since) VALUES (?, ?, ?, ?)"
        + " ON CONFLICT (route_id) DO UPDATE SET reason = EXCLUDED.reason, suspended_by = EXCLUDED.suspended_by,"
        + " since = EXCLUDED.since", routeId, reason, by, OffsetDateTime.ofInstant(suspension.since(), ZoneOffset.UTC));
    refresh();
    return suspension;
  }

  public synchronized void resume(String routeId) {
    jdbc.update("DELETE FROM route_maintenance WHERE route_id = ?", routeId);
    refresh();
  }

  /** Puts one node alone in maintenance (this one or another: each reads its own row). */
  public Maintenance.Suspension suspendNode(String nodeId, String reason, String by) {
    return suspend(nodeRow(nodeId), reason, by);
  }

  public void resumeNode(String nodeId) {
    resume(nodeRow(nodeId));
  }

  /** This hub's node id, as node-scoped maintenance names it. */
  public String node() {
    return node;
  }

  private static String nodeRow(String nodeId) {
    return Maintenance.WHOLE_HUB + "@" + nodeId;
  }

  /** Reads the table and applies it, under the lock a change holds, so no stale read wins. */
  @Override
  protected synchronized void refresh() {
    Map<String, Maintenance.Suspension> state = new HashMap<>();
    // ordered: the maintenance of every hub ("*") comes before this node's own and stays in force
    jdbc.query("SELECT route_id, reason, suspended_by, since FROM route_maintenance ORDER BY route_id", rs -> {
      String id = rs.getString("route_id");
      if (id.startsWith(Maintenance.WHOLE_HUB + "@") && !id.equals(hubKey)) {
        return;
      }
      Instant since = rs.getObject("since", OffsetDateTime.class).toInstant();
      state.putIfAbsent(id.equals(hubKey) ? Maintenance.WHOLE_HUB : id,
          new Maintenance.Suspension(rs.getString("reason"), rs.getString("suspended_by"), since));
    });
    maintenance.replace(state);
    if (state.equals(copied)) {
      return;
    }
    try {
      Files.write(copy, json.writeValueAsBytes(state));
      copied = state;
    } catch (IOException | JacksonException e) {
      log.warn("maintenance state not copied to the data directory ({})", e.getClass().getSimpleName());
    }
  }

  /** The copy in the data directory, for a start while the database is down. */
  @Override
  protected void loadCopy() {
    try {
      if (Files.exists(copy)) {
        maintenance.replace(json.readValue(copy.toFile(), new TypeReference<Map<String, Maintenance.Suspension>>() {}));
      }
    } catch (JacksonException e) {
      log.warn("maintenance copy unreadable ({}): no route suspended until the database answers",
          e.getClass().getSimpleName());
    }
  }
}
