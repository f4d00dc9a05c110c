package vn.lgsp.hub.soapfront;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The SOAP front's mapping between XML and the canonical JSON: an object is an element with
 * child elements, an array is the element repeated, a scalar is text. Element names are the
 * JSON field names, so a SOAP client sees the same model as a REST client.
 */
final class JsonXml {

  private JsonXml() {}

  /**
   * Appends {@code value} under {@code parent} as elements named like the JSON fields: those its schema names
   * first, in the schema's order (the WSDL's sequence), then any other; a field whose name is no XML name is
   * left out (the WSDL leaves it out too).
   */
  static void append(Document doc, Element parent, String namespace, JsonNode value, Map<String, Object> schema) {
    Map<String, Object> properties = AnswerSchemas.properties(schema);
    List<String> names = new ArrayList<>();
    properties.keySet().stream().filter(value::has).forEach(names::add);
    value.propertyNames().stream().filter(name -> !properties.containsKey(name)).forEach(names::add);
    names.removeIf(name -> !XmlNames.isElementName(name));
    for (String name : names) {
      JsonNode child = value.get(name);
      Map<String, Object> childSchema = AnswerSchemas.items(AnswerSchemas.schemaOf(properties.get(name)));
      if (child.isArray()) {
        child.forEach(item -> parent.appendChild(element(doc, namespace, name, item, childSchema)));
      } else if (!child.isNull()) {
        parent.appendChild(element(doc, namespace, name, child, childSchema));
      }
    }
  }

  private static Element element(Document doc, String namespace, String name, JsonNode value, Map<String, Object> schema) {
    Element element = doc.createElementNS(namespace, "hub:" + name);
    if (value.isObject()) {
      append(doc, element, namespace, value, schema);
    } else {
      element.setTextContent(value.asString(""));
    }
    return element;
  }

  /** The leaf children of a request element as a flat JSON object of strings. */
  static ObjectNode inputs(Element request) {
    ObjectNode inputs = JsonNodeFactory.instance.objectNode();
    for (Node n = request.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e) {
        inputs.put(e.getLocalName(), e.getTextContent().trim());
      }
    }
    return inputs;
  }
}
