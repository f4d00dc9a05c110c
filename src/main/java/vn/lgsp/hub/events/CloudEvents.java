package vn.lgsp.hub.events;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * An event as the subscriber receives it: a CloudEvents 1.0 event in the JSON format (structured
 * mode), its {@code data} minimised to the subscriber's right; {@code source} is the publishing
 * register's room, {@code sequence} (the CloudEvents sequence extension) the hub's order of events.
 */
final class CloudEvents {

  static final String MEDIA_TYPE = "application/cloudevents+json";

  private CloudEvents() {}

  static ObjectNode of(EventStore.Event event, JsonNode data, ObjectMapper json) {
    ObjectNode cloudEvent = json.createObjectNode();
    cloudEvent.put("specversion", "1.0");
    cloudEvent.put("id", event.id().toString());
    cloudEvent.put("source", "urn:lgsp-hub:" + event.room());
    cloudEvent.put("type", event.eventType());
    cloudEvent.put("time", event.publishedAt().toString());
    cloudEvent.put("sequence", Long.toString(event.sequence()));
    cloudEvent.put("datacontenttype", "application/json");
    cloudEvent.set("data", data);
    return cloudEvent;
  }
}
