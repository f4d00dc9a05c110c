package vn.lgsp.hub.engine;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import vn.lgsp.hub.protocol.HubProblemException;
import vn.lgsp.hub.protocol.ProblemType;

/**
 * Which routes are suspended, and whether the whole hub is in maintenance. The gate refuses
 * calls to a suspended route with {@code Server.Hub.Maintenance} (and they are logged, as every
 * refusal is). The state is held here for the request path; the operator API persists it.
 */
@Component
public class Maintenance {

  /** The route id that stands for the whole hub. */
  public static final String WHOLE_HUB = "*";

  /** Why and since when a route (or the hub) is suspended, and by whom. */
  public record Suspension(String reason, String by, Instant since) {}

  private volatile Map<String, Suspension> suspended = Map.of();

  /** Replaces the whole state (route id, or {@link #WHOLE_HUB}, to its suspension). */
  public void replace(Map<String, Suspension> state) {
    suspended = Map.copyOf(state);
  }

  public Map<String, Suspension> suspended() {
    return suspended;
  }

  public Optional<Suspension> ofRoute(String routeId) {
    return Optional.ofNullable(suspended.get(routeId));
  }

  public Optional<Suspension> ofHub() {
    return Optional.ofNullable(suspended.get(WHOLE_HUB));
  }

  /** Refuses the exchange when its route or the hub is suspended. */
  void check(String routeId) {
    Map<String, Suspension> now = suspended;
    if (now.isEmpty()) {
      return;
    }
    if (now.containsKey(WHOLE_HUB)) {
      throw new HubProblemException(ProblemType.HUB_MAINTENANCE, "maintenance.hub");
    }
    if (routeId != null && now.containsKey(routeId)) {
      throw new HubProblemException(ProblemType.HUB_MAINTENANCE, "maintenance.service");
    }
  }
}
