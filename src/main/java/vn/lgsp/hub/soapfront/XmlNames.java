package vn.lgsp.hub.soapfront;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * What of a service may become XML in the WSDL and the SOAP answers: names that are XML names (service codes,
 * inputs, answer fields published from an OpenAPI document need not be), and text with only the characters XML
 * allows. A name that is not one stays out of the SOAP front; the REST front serves it as it is.
 */
final class XmlNames {

  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9._-]{0,127}");
  /** Names the WSDL itself uses for its own elements and messages. */
  private static final Set<String> RESERVED = Set.of("problem", "headers");

  private XmlNames() {}

  /** Whether {@code name} can be an element's local name (and so a field's or an input's). */
  static boolean isElementName(String name) {
    return NAME.matcher(name).matches() && !name.regionMatches(true, 0, "xml", 0, 3);
  }

  /** Whether a service code can be a WSDL operation with its request and response elements. */
  static boolean isOperationName(String serviceCode) {
    return isElementName(serviceCode) && !RESERVED.contains(serviceCode) && !serviceCode.endsWith("Response");
  }

  /** {@code text} escaped for an element's content, without the characters XML 1.0 does not allow. */
  static String text(String text) {
    StringBuilder escaped = new StringBuilder(text.length());
    text.codePoints().forEach(c -> {
      switch (c) {
        case '&' -> escaped.append("&amp;");
        case '<' -> escaped.append("&lt;");
        case '>' -> escaped.append("&gt;");
        default -> {
          if (c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) || c > 0xFFFF) {
            escaped.appendCodePoint(c);
          }
        }
      }
    });
    return escaped.toString();
  }
}
