package vn.lgsp.hub.soapfront;

import jakarta.xml.soap.SOAPElement;
import jakarta.xml.soap.SOAPException;
import jakarta.xml.soap.SOAPHeader;
import java.util.Iterator;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import vn.lgsp.hub.protocol.HeaderRules;
import vn.lgsp.hub.protocol.ProblemType;

/**
 * The X-Road SOAP headers ({@code http://x-road.eu/xsd/xroad.xsd}): client and service as
 * structured identifiers, id, userId, issue and protocolVersion. Read into the same text form the
 * REST protocol uses ({@code VN/GOV/UBND-HN/MOTCUA}), and echoed in the answer as X-Road does.
 */
record XRoadSoapHeaders(String client, String service, String id, String userId, String issue, String protocolVersion) {

  static final String XROAD = "http://x-road.eu/xsd/xroad.xsd";
  static final String IDENTIFIERS = "http://x-road.eu/xsd/identifiers";

  static XRoadSoapHeaders read(SOAPHeader header) {
    if (header == null) {
      return new XRoadSoapHeaders(null, null, null, null, null, null);
    }
    return new XRoadSoapHeaders(
        identifier(child(header, "client"), "subsystemCode"),
        identifier(child(header, "service"), "serviceCode"),
        text(child(header, "id")),
        text(child(header, "userId")),
        text(child(header, "issue")),
        text(child(header, "protocolVersion")));
  }

  /** Echoes the request's headers into the response header, as X-Road servers do. */
  void echoInto(SOAPHeader header, SOAPHeader request) throws SOAPException {
    if (request == null) {
      return;
    }
    Iterator<?> elements = request.getChildElements();
    while (elements.hasNext()) {
      if (elements.next() instanceof SOAPElement element && XROAD.equals(element.getNamespaceURI())) {
        header.appendChild(header.getOwnerDocument().importNode(element, true));
      }
    }
  }

  private static Element child(Element parent, String localName) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && XROAD.equals(e.getNamespaceURI()) && localName.equals(e.getLocalName())) {
        return e;
      }
    }
    return null;
  }

  /** The element's text; printable text only (it travels on as an HTTP header), else a fault. */
  private static String text(Element element) {
    if (element == null) {
      return null;
    }
    return printable(element.getTextContent().trim());
  }

  /** instance/class/member/subsystem, then the last part: subsystemCode or, for a service, subsystem/serviceCode. */
  private static String identifier(Element element, String lastPart) {
    if (element == null) {
      return null;
    }
    StringBuilder id = new StringBuilder();
    for (String part : new String[] {"xRoadInstance", "memberClass", "memberCode", "subsystemCode", "serviceCode"}) {
      if (part.equals("serviceCode") && !lastPart.equals("serviceCode")) {
        break;
      }
      String value = null;
      for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
        if (n instanceof Element e && IDENTIFIERS.equals(e.getNamespaceURI()) && part.equals(e.getLocalName())) {
          value = e.getTextContent().trim();
        }
      }
      if (value == null) {
        return null;
      }
      id.append(id.length() == 0 ? "" : "/").append(value);
    }
    return printable(id.toString());
  }

  private static String printable(String text) {
    if (!HeaderRules.isPrintableText(text)) {
      throw HubSoapEndpoint.fault(ProblemType.INVALID_HEADER,
          "X-Road SOAP headers must be 1-" + HeaderRules.MAX_TEXT + " printable characters", null);
    }
    return text;
  }
}
