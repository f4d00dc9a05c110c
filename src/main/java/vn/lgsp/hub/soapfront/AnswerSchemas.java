package vn.lgsp.hub.soapfront;

import java.util.Map;

/**
 * A service's answer schema (the JSON Schema of its connector descriptor) as XML Schema, for the SOAP front's
 * WSDL: an object is a sequence of its properties in their order, every one optional (a consumer's right may
 * leave any field out); an array is its item repeated; {@code format: date} is {@code xs:date},
 * {@code date-time} {@code xs:dateTime}; integers {@code xs:long}, numbers {@code xs:double}, booleans
 * {@code xs:boolean}, anything else {@code xs:string}. An object without properties is open ({@code xs:any}).
 * {@link JsonXml} writes the answer in the same order.
 */
final class AnswerSchemas {

  private static final int MAX_DEPTH = 16;

  private AnswerSchemas() {}

  /** The {@code xs:complexType} of an object schema, indented. */
  static String complexType(Map<String, Object> schema, String indent) {
    return complexType(schema, indent, 0);
  }

  private static String complexType(Map<String, Object> schema, String indent, int depth) {
    Map<String, Object> properties = properties(schema);
    if (properties.isEmpty() || depth > MAX_DEPTH) {
      return indent + "<xs:complexType><xs:sequence><xs:any minOccurs=\"0\" maxOccurs=\"unbounded\""
          + " processContents=\"lax\"/></xs:sequence></xs:complexType>\n";
    }
    StringBuilder type = new StringBuilder(indent).append("<xs:complexType><xs:sequence>\n");
    properties.forEach((name, value) -> {
      if (XmlNames.isElementName(name)) {
        type.append(element(name, schemaOf(value), indent + "  ", depth));
      }
    });
    return type.append(indent).append("</xs:sequence></xs:complexType>\n").toString();
  }

  private static String element(String name, Map<String, Object> schema, String indent, int depth) {
    boolean array = "array".equals(schema.get("type"));
    Map<String, Object> item = array ? schemaOf(schema.get("items")) : schema;
    String open = indent + "<xs:element name=\"" + name + "\" minOccurs=\"0\"" + (array ? " maxOccurs=\"unbounded\"" : "");
    if (isObject(item)) {
      return open + ">\n" + complexType(item, indent + "  ", depth + 1) + indent + "</xs:element>\n";
    }
    return open + " type=\"" + simpleType(item) + "\"/>\n";
  }

  private static String simpleType(Map<String, Object> schema) {
    Object type = schema.get("type");
    if ("boolean".equals(type)) {
      return "xs:boolean";
    }
    if ("integer".equals(type)) {
      return "xs:long";
    }
    if ("number".equals(type)) {
      return "xs:double";
    }
    Object format = schema.get("format");
    if ("date".equals(format)) {
      return "xs:date";
    }
    return "date-time".equals(format) ? "xs:dateTime" : "xs:string";
  }

  static boolean isObject(Map<String, Object> schema) {
    return "object".equals(schema.get("type")) || schema.get("properties") instanceof Map;
  }

  /** An object schema's properties in their order; none for anything else. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> properties(Map<String, Object> schema) {
    return schema.get("properties") instanceof Map<?, ?> properties ? (Map<String, Object>) properties : Map.of();
  }

  /** A property's or an array's item schema; an empty schema (a string) for anything that is not one. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> schemaOf(Object value) {
    return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
  }

  /** The item schema of an array schema. */
  static Map<String, Object> items(Map<String, Object> schema) {
    return "array".equals(schema.get("type")) ? schemaOf(schema.get("items")) : schema;
  }
}
