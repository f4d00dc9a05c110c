package vn.lgsp.hub.ops;

import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import vn.lgsp.hub.engine.Maintenance;
import vn.lgsp.hub.engine.TrafficStatistics;
import vn.lgsp.hub.protocol.Bilingual.Language;
import vn.lgsp.hub.protocol.HubProblemException;
import vn.lgsp.hub.protocol.ProblemType;
import vn.lgsp.hub.catalog.HubRoutes;

/**
 * Operators steer routes: list them with their state and recent traffic, suspend and resume one,
 * or put the whole hub in maintenance. Each change is an admin action in the chain.
 */
@RestController
@RequestMapping("/admin/api")
public class AdminRoutesController {

  private final HubRoutes routes;
  private final RouteHealth health;
  private final Maintenance maintenance;
  private final MaintenanceStore store;
  private final TrafficStatistics traffic;

  public AdminRoutesController(HubRoutes routes, RouteHealth health, Maintenance maintenance, MaintenanceStore store,
      TrafficStatistics traffic) {
    this.routes = routes;
    this.health = health;
    this.maintenance = maintenance;
    this.store = store;
    this.traffic = traffic;
  }

  /**
   * Every route: {@code routeId}, {@code service}, {@code title} (in the operator's language:
   * Vietnamese unless Accept-Language asks for English), {@code state} (started or suspended),
   * health and traffic.
   */
  @GetMapping("/routes")
  public List<Map<String, Object>> list(@RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) String accept) {
    Language language = Language.of(accept);
    return routes.all().stream().map(r -> view(r, language)).toList();
  }

  @GetMapping("/routes/{routeId}")
  public Map<String, Object> one(@PathVariable String routeId,
      @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) String accept) {
    return view(route(routeId), Language.of(accept));
  }

  /** The route's last hour in 10-second buckets: exchanges, failures and latency. */
  @GetMapping("/routes/{routeId}/traffic")
  public Map<String, Object> traffic(@PathVariable String routeId) {
    HubRoutes.HubRoute route = route(routeId);
    return Map.of("routeId", route.routeId(), "bucketSeconds", 10, "buckets", traffic.hour(route.routeId()));
  }

  @AdminAction("route.suspend")
  @PostMapping(value = "/routes/{routeId}/suspend", consumes = MediaType.APPLICATION_JSON_VALUE)
  public Map<String, Object> suspend(@PathVariable String routeId, @RequestBody JsonNode body,
      HttpServletRequest request, Principal operator) {
    HubRoutes.HubRoute route = route(routeId);
    store.suspend(route.routeId(), AdminRequests.reason(body, request), operator.getName());
    return view(route, language(request));
  }

  @AdminAction("route.resume")
  @PostMapping(value = "/routes/{routeId}/resume", consumes = MediaType.APPLICATION_JSON_VALUE)
  public Map<String, Object> resume(@PathVariable String routeId, @RequestBody JsonNode body,
      HttpServletRequest request) {
    HubRoutes.HubRoute route = route(routeId);
    AdminRequests.reason(body, request);
    store.resume(route.routeId());
    return view(route, language(request));
  }

  /** Whether the whole hub is in maintenance. */
  @GetMapping("/hub")
  public Map<String, Object> hub() {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("state", maintenance.ofHub().isPresent() ? "maintenance" : "running");
    view.put("node", store.node());
    maintenance.ofHub().ifPresent(s -> view.put("suspension", s));
    view.put("suspendedRoutes", maintenance.suspended().keySet().stream().filter(k -> !Maintenance.WHOLE_HUB.equals(k))
        .sorted().toList());
    return view;
  }

  /**
   * Puts every hub on the database in maintenance (within a second): every call is refused, readiness
   * turns off. With {@code "node"} in the body, only that hub (its id as {@code GET /hub} shows it).
   */
  @AdminAction("hub.suspend")
  @PostMapping(value = "/hub/suspend", consumes = MediaType.APPLICATION_JSON_VALUE)
  public Map<String, Object> suspendHub(@RequestBody JsonNode body, HttpServletRequest request, Principal operator) {
    String reason = AdminRequests.reason(body, request);
    String node = AdminRequests.node(body);
    if (node == null) {
      store.suspend(Maintenance.WHOLE_HUB, reason, operator.getName());
    } else {
      store.suspendNode(node, reason, operator.getName());
    }
    return hub();
  }

  @AdminAction("hub.resume")
  @PostMapping(value = "/hub/resume", consumes = MediaType.APPLICATION_JSON_VALUE)
  public Map<String, Object> resumeHub(@RequestBody JsonNode body, HttpServletRequest request) {
    AdminRequests.reason(body, request);
    String node = AdminRequests.node(body);
    if (node == null) {
      store.resume(Maintenance.WHOLE_HUB);
    } else {
      store.resumeNode(node);
    }
    return hub();
  }

  private HubRoutes.HubRoute route(String routeId) {
    return routes.find(routeId).orElseThrow(
        () -> new HubProblemException(ProblemType.UNKNOWN_SERVICE, "admin.no-route"));
  }

  private static Language language(HttpServletRequest request) {
    return Language.of(request.getHeader(HttpHeaders.ACCEPT_LANGUAGE));
  }

  private Map<String, Object> view(HubRoutes.HubRoute route, Language language) {
    Health h = health.route(route);
    TrafficStatistics.Window minute = traffic.window(route.routeId(), 60);
    TrafficStatistics.Window recent = traffic.window(route.routeId(), 300);
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("routeId", route.routeId());
    view.put("service", route.service());
    view.put("title", route.title() == null ? null : route.title().in(language));
    view.put("connector", route.connectorId());
    var suspension = maintenance.ofRoute(route.routeId());
    view.put("state", suspension.isPresent() ? "suspended" : "started");
    suspension.ifPresent(s -> view.put("suspension", s));
    view.put("health", h.getStatus().getCode());
    view.put("breaker", h.getDetails().get("breaker"));
    view.put("reachable", h.getDetails().get("reachable"));
    view.put("requestsPerSecond", Math.round(minute.ratePerSecond() * 100) / 100.0);
    view.put("errorRate", Math.round(recent.errorRate() * 1000) / 1000.0);
    view.put("p95Ms", recent.p95Ms());
    view.put("exchanges5m", recent.count());
    view.put("at", Instant.now());
    return view;
  }
}
