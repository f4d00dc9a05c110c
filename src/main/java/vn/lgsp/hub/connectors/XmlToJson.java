package vn.lgsp.hub.connectors;

import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Maps a backend's XML answer to canonical JSON by a descriptor's {@link
 * ConnectorDescriptor.ResponseMapping}: elements become fields (namespaces dropped), leaves become
 * strings or booleans, listed names become arrays. Declarative, so a new register needs no code.
 */
final class XmlToJson {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final ConnectorDescriptor.ResponseMapping mapping;

  XmlToJson(ConnectorDescriptor.ResponseMapping mapping) {
    this.mapping = mapping;
  }

  /** Converts the selected part of a payload; null when the selected element is absent. */
  JsonNode convert(Element payload) {
    Element root = payload;
    if (mapping.select() != null && !mapping.select().isBlank()) {
      root = firstChild(payload, mapping.select());
      if (root == null) {
        return null;
      }
    }
    JsonNode json = object(root);
    if (json instanceof ObjectNode object) {
      // an empty list is still a list at the top level: callers need not test for absence
      for (String arrayName : mapping.arrays()) {
        String field = mapping.rename().getOrDefault(arrayName, arrayName);
        if (!object.has(field)) {
          object.putArray(field);
        }
      }
    }
    return json;
  }

  private JsonNode object(Element element) {
    List<Element> children = childElements(element);
    if (children.isEmpty()) {
      return leaf(element);
    }
    ObjectNode object = NODES.objectNode();
    for (Element child : children) {
      String name = child.getLocalName();
      String field = mapping.rename().getOrDefault(name, name);
      JsonNode value = object(child);
      if (mapping.arrays().contains(name)) {
        JsonNode existing = object.get(field);
        ArrayNode array = existing instanceof ArrayNode a ? a : object.putArray(field);
        array.add(value);
      } else {
        object.set(field, value);
      }
    }
    return object;
  }

  private JsonNode leaf(Element element) {
    String text = element.getTextContent();
    if (mapping.booleans().contains(element.getLocalName())) {
      return NODES.booleanNode(Boolean.parseBoolean(text.trim()));
    }
    return NODES.textNode(text);
  }

  static Element firstChild(Element parent, String localName) {
    for (Element child : childElements(parent)) {
      if (localName.equals(child.getLocalName())) {
        return child;
      }
    }
    return null;
  }

  static List<Element> childElements(Element parent) {
    List<Element> elements = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e) {
        elements.add(e);
      }
    }
    return elements;
  }
}
