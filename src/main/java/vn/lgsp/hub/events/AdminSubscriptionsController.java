package vn.lgsp.hub.events;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import vn.lgsp.hub.ops.AdminAction;
import vn.lgsp.hub.ops.AdminActionRecorder;
import vn.lgsp.hub.ops.ApiBodies;
import vn.lgsp.hub.protocol.HubProblemException;
import vn.lgsp.hub.protocol.ProblemType;

/**
 * Operators see every subscription with its delivery health (pending, delivered, dead, lag, last
 * error: the console's table) and replay a subscription's events from a time, with a reason, an
 * admin action on record: after a subscriber's outage outlasted its retries, its dead letters go
 * out again under their own ids.
 */
@RestController
@RequestMapping("/admin/api/events/subscriptions")
public class AdminSubscriptionsController {

  private static final int MAX_REASON = 500;
  private static final Duration DEFAULT_REPLAY = Duration.ofDays(1);

  private final EventStore store;
  private final PubSubApi api;
  private final PushQueue pushes;
  private final ObjectMapper json;
  private final Clock clock;

  public AdminSubscriptionsController(EventStore store, PubSubApi api, PushQueue pushes, ObjectMapper json, Clock clock) {
    this.store = store;
    this.api = api;
    this.pushes = pushes;
    this.json = json;
    this.clock = clock;
  }

  @GetMapping
  public JsonNode all() {
    ObjectNode answer = json.createObjectNode();
    ArrayNode list = answer.putArray("subscriptions");
    store.allSubscriptions().forEach(s -> list.add(view(s)));
    return answer;
  }

  /** Body {@code {"reason": ..., "from": instant}}; {@code from} defaults to a day ago. */
  @AdminAction("events.replay")
  @PostMapping(value = "/{id}/replay", consumes = MediaType.APPLICATION_JSON_VALUE)
  public JsonNode replay(@PathVariable String id, @RequestBody JsonNode body, HttpServletRequest request) {
    ApiBodies.reason(body, request, MAX_REASON, true);
    EventStore.Subscription subscription = subscription(id);
    request.setAttribute(AdminActionRecorder.CLIENT, subscription.subscriber());
    request.setAttribute(AdminActionRecorder.SERVICE, EventRights.service(subscription.room(), subscription.eventType())
        .toString());
    Instant from = body.has("from") ? PubSubApi.replayFrom(body.get("from"), clock) : clock.instant().minus(DEFAULT_REPLAY);
    var again = store.replay(subscription.id(), from);
    if (subscription.push()) {
      pushes.dueNow(again);
    }
    return view(subscription);
  }

  private ObjectNode view(EventStore.Subscription s) {
    ObjectNode view = api.subscriptionItem(s, false);
    view.put("room", s.room());
    view.put("subscriber", s.subscriber());
    return view;
  }

  private EventStore.Subscription subscription(String id) {
    try {
      return store.active(UUID.fromString(id))
          .orElseThrow(() -> new HubProblemException(ProblemType.NOT_FOUND, "events.no-subscription"));
    } catch (IllegalArgumentException e) {
      throw new HubProblemException(ProblemType.NOT_FOUND, "events.no-subscription");
    }
  }
}
