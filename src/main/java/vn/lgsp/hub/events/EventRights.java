package vn.lgsp.hub.events;

import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import vn.lgsp.hub.access.AccessPolicy;
import vn.lgsp.hub.access.FieldMinimizer;
import vn.lgsp.hub.access.Grant;
import vn.lgsp.hub.protocol.ServiceId;
import vn.lgsp.hub.protocol.SubsystemId;

/**
 * Rights to event types are access rights like those to services: the event type
 * {@code citizen.residence-changed} of the room {@code VN/GOV/BCA/DANCU} is the "service"
 * {@code VN/GOV/BCA/DANCU/citizen.residence-changed} of the rights document. The room's own subsystem
 * publishes with such a right; any other client holding one may subscribe, and receives the fields
 * the right allows, checked again for every delivery (a revoked right stops the deliveries).
 */
@Component
class EventRights {

  private final AccessPolicy policy;
  private final FieldMinimizer minimizer;
  private final ObjectMapper json;

  EventRights(AccessPolicy policy, FieldMinimizer minimizer, ObjectMapper json) {
    this.policy = policy;
    this.minimizer = minimizer;
    this.json = json;
  }

  static ServiceId service(String room, String eventType) {
    return new ServiceId(SubsystemId.parse(room), eventType);
  }

  Optional<Grant> grant(String client, String room, String eventType) {
    return policy.grantFor(SubsystemId.parse(client), service(room, eventType));
  }

  boolean requiresPurpose(String room, String eventType) {
    return policy.requiresPurpose(service(room, eventType));
  }

  /** The event's data as this subscriber may receive it now, and the right that allows it; empty without one. */
  Optional<Allowed> dataFor(EventStore.Subscription subscription, EventStore.Event event) {
    return grant(subscription.subscriber(), event.room(), event.eventType())
        .map(grant -> new Allowed(minimizer.minimize(json.readTree(event.data()), grant), grant));
  }

  /** What a subscriber receives of an event, under which right (a covert right hides its record from the tracker). */
  record Allowed(JsonNode data, Grant grant) {}
}
