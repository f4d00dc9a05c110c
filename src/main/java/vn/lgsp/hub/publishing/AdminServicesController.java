package vn.lgsp.hub.publishing;

import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import vn.lgsp.hub.access.AccessPolicy;
import vn.lgsp.hub.engine.TrafficStatistics;
import vn.lgsp.hub.ops.AdminAction;
import vn.lgsp.hub.ops.ApiBodies;

/**
 * Operators review what providers publish: every publication with its state, version, history, the
 * consumers holding a right to its service and its traffic; approval (the service goes live on every hub), rejection
 * back to a draft, and withdrawal. Each a recorded admin action with its reason.
 */
@RestController
@RequestMapping("/admin/api/services")
public class AdminServicesController {

  private final ServicePublications publications;
  private final ServiceRuntime runtime;
  private static final int TRAFFIC_SECONDS = 3600;

  private final AccessPolicy policy;
  private final TrafficStatistics traffic;

  public AdminServicesController(ServicePublications publications, ServiceRuntime runtime, AccessPolicy policy,
      TrafficStatistics traffic) {
    this.publications = publications;
    this.runtime = runtime;
    this.policy = policy;
    this.traffic = traffic;
  }

  @GetMapping
  public List<Map<String, Object>> list() {
    return publications.list(null).stream().map(this::view).toList();
  }

  @GetMapping("/{id}")
  public Map<String, Object> one(@PathVariable String id) {
    return view(publications.find(ApiBodies.id(id, "publishing.unknown")));
  }

  @AdminAction("service.approve")
  @PostMapping(value = "/{id}/approve", consumes = MediaType.APPLICATION_JSON_VALUE)
  public Map<String, Object> approve(@PathVariable String id, @RequestBody JsonNode body, HttpServletRequest http,
      Principal operator) {
    return decide(id, body, http, (publication, reason) -> publications.approve(operator.getName(), publication, reason));
  }

  @AdminAction("service.reject")
  @PostMapping(value = "/{id}/reject", consumes = MediaType.APPLICATION_JSON_VALUE)
  public Map<String, Object> reject(@PathVariable String id, @RequestBody JsonNode body, HttpServletRequest http,
      Principal operator) {
    return decide(id, body, http, (publication, reason) -> publications.reject(operator.getName(), publication, reason));
  }

  @AdminAction("service.withdraw")
  @PostMapping(value = "/{id}/withdraw", consumes = MediaType.APPLICATION_JSON_VALUE)
  public Map<String, Object> withdraw(@PathVariable String id, @RequestBody JsonNode body, HttpServletRequest http,
      Principal operator) {
    return decide(id, body, http,
        (publication, reason) -> publications.withdraw(operator.getName(), null, publication, reason));
  }

  /** An operator's decision on a publication, with the reason the body must give. */
  private Map<String, Object> decide(String id, JsonNode body, HttpServletRequest http,
      BiFunction<UUID, String, ServicePublications.Publication> decision) {
    UUID publication = ProviderServicesController.concerning(publications, id, http);
    ApiBodies.refuseUnknown(body, "reason");
    ServicePublications.Publication decided =
        decision.apply(publication, ApiBodies.reason(body, http, 500, true));
    // in force here when the answer leaves; the other hubs follow within a second or two
    runtime.follow();
    return view(decided);
  }

  /**
   * The publication, the consumers holding a right to its service now, and its traffic on this hub in the last
   * hour over all its routes: calls answered, those refused to the caller (4xx) and those that failed (5xx).
   */
  private Map<String, Object> view(ServicePublications.Publication publication) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("publication", publication);
    view.put("consumers", ServiceConsumers.of(policy, publication.service()));
    long calls = 0;
    long rejected = 0;
    long failed = 0;
    for (String route : publication.routeIds()) {
      TrafficStatistics.Window hour = traffic.window(route, TRAFFIC_SECONDS);
      calls += hour.count();
      rejected += hour.rejected();
      failed += hour.failed();
    }
    view.put("traffic", Map.of("calls", calls, "rejected", rejected, "failed", failed, "seconds", TRAFFIC_SECONDS));
    return view;
  }
}
