package vn.lgsp.hub.connectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Applies a descriptor's response mapping to a JSON answer: select one field, rename fields. */
final class JsonResponseMapping {

  private JsonResponseMapping() {}

  /** The mapped answer, or null when the selected field is absent. */
  static JsonNode apply(ConnectorDescriptor.ResponseMapping mapping, JsonNode answer) {
    JsonNode node = answer;
    if (mapping.select() != null && !mapping.select().isBlank()) {
      node = answer == null ? null : answer.get(mapping.select());
    }
    if (node == null || node.isNull() || mapping.rename().isEmpty() || !(node instanceof ObjectNode object)) {
      return node == null || node.isNull() ? null : node;
    }
    ObjectNode renamed = object.objectNode();
    object.forEachEntry(
        (name, value) -> renamed.set(mapping.rename().getOrDefault(name, name), value));
    return renamed;
  }
}
