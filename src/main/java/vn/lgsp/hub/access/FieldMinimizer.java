package vn.lgsp.hub.access;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Drops every field of an answer that the grant does not list. A listed path keeps the whole
 * subtree ({@code permanentAddress}); a dotted path keeps one nested field ({@code
 * permanentAddress.province}). Arrays apply the same paths to each element.
 */
@Component
public class FieldMinimizer {

  /** The answer without the fields the grant does not list; a null grant restricts nothing. */
  public JsonNode minimize(JsonNode answer, Grant grant) {
    if (grant == null || !grant.restrictsFields() || answer == null) {
      return answer;
    }
    JsonNode copy = answer.deepCopy();
    retain(copy, "", grant.allowedFields());
    return copy;
  }

  private static void retain(JsonNode node, String prefix, Set<String> allowed) {
    if (node instanceof ArrayNode array) {
      array.forEach(element -> retain(element, prefix, allowed));
      return;
    }
    if (!(node instanceof ObjectNode object)) {
      return;
    }
    Iterator<Map.Entry<String, JsonNode>> fields = object.properties().iterator();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String path = prefix + field.getKey();
      if (allowed.contains(path)) {
        continue;
      }
      if (allowed.stream().anyMatch(p -> p.startsWith(path + "."))) {
        retain(field.getValue(), path + ".", allowed);
      } else {
        fields.remove();
      }
    }
  }
}
