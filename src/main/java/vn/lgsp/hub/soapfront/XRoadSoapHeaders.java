package vn.lgsp.hub.soapfront;

import jakarta.xml.soap.SOAPElement;
import jakarta.xml.soap.SOAPException;
import jakarta.xml.soap.SOAPHeader;
import java.util.Iterator;
import java.util.UUID;
import java.util.function.Function;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import vn.lgsp.hub.protocol.HeaderRules;
import vn.lgsp.hub.protocol.ProblemText;
import vn.lgsp.hub.protocol.ProblemType;
import vn.lgsp.hub.protocol.ServiceId;
import vn.lgsp.hub.protocol.SubsystemId;

/**
 * The X-Road SOAP headers ({@code http://x-road.eu/xsd/xroad.xsd}): client and service as
 * structured identifiers, id, userId, issue and protocolVersion. Read into the same text form the
 * REST protocol uses ({@code VN/GOV/UBND-HN/MOTCUA}), and echoed in the answer as X-Road does.
 */
record XRoadSoapHeaders(String client, String service, String id, String userId, String issue, String protocolVersion) {

  static final String XROAD = "http://x-road.eu/xsd/xroad.xsd";
  static final String IDENTIFIERS = "http://x-road.eu/xsd/identifiers";

  /**
   * Longest userId: the exchange record keeps it with each personal ID replaced by a longer keyed
   * hash, in a column of 128 characters.
   */
  static final int MAX_USER_ID = 64;

  /** Reads the headers, refusing values the REST front and the record could not take whole. */
  static XRoadSoapHeaders read(SOAPHeader header) {
    if (header == null) {
      return new XRoadSoapHeaders(null, null, null, null, null, null);
    }
    String id = text(child(header, "id"));
    if (id != null && !HeaderRules.isMessageId(id)) {
      throw new SoapRefusal(ProblemType.INVALID_HEADER, "soap.header.id");
    }
    String userId = text(child(header, "userId"));
    if (userId != null && userId.length() > MAX_USER_ID) {
      throw new SoapRefusal(ProblemType.INVALID_HEADER, ProblemText.of("soap.header.user-id", MAX_USER_ID));
    }
    String client = printable(identifier(child(header, "client"), "subsystemCode"));
    if (client != null && parsesAs(client, SubsystemId::parse) == null) {
      // a missing client is the REST front's to refuse, after authentication, as for REST callers
      throw new SoapRefusal(ProblemType.INVALID_CLIENT_HEADER, "soap.header.client");
    }
    return new XRoadSoapHeaders(
        client,
        printable(identifier(child(header, "service"), "serviceCode")),
        id,
        userId,
        text(child(header, "issue")),
        text(child(header, "protocolVersion")));
  }

  /**
   * What a refusal's record may say of the caller, from the header elements as parsed so far;
   * never a fault: an unusable value is left out, and a missing or malformed id is replaced.
   */
  static XRoadSoapHeaders forRecord(Function<String, Element> header) {
    String id = raw(header.apply("id"));
    String client = identifier(header.apply("client"), "subsystemCode");
    String service = identifier(header.apply("service"), "serviceCode");
    return new XRoadSoapHeaders(
        parsesAs(client, SubsystemId::parse),
        parsesAs(service, ServiceId::parse),
        HeaderRules.isMessageId(id) ? id : UUID.randomUUID().toString(),
        null, null, null);
  }

  /**
   * Echoes the request's headers into the response header, as X-Road servers do, with the
   * exchange's id when the request had none.
   */
  void echoInto(SOAPHeader header, SOAPHeader request, String messageId) throws SOAPException {
    if (request != null) {
      Iterator<?> elements = request.getChildElements();
      while (elements.hasNext()) {
        if (elements.next() instanceof SOAPElement element && XROAD.equals(element.getNamespaceURI())) {
          header.appendChild(header.getOwnerDocument().importNode(element, true));
        }
      }
    }
    if (id == null) {
      header.addChildElement("id", "xrd", XROAD).setTextContent(messageId);
    }
  }

  static Element child(Element parent, String localName) {
    for (Node n = parent == null ? null : parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && XROAD.equals(e.getNamespaceURI()) && localName.equals(e.getLocalName())) {
        return e;
      }
    }
    return null;
  }

  /** The element's text; printable text only (it travels on as an HTTP header), else a fault. */
  private static String text(Element element) {
    String text = raw(element);
    return text == null ? null : printable(text);
  }

  private static String raw(Element element) {
    return element == null ? null : element.getTextContent().trim();
  }

  private static String parsesAs(String text, Function<String, Object> parser) {
    try {
      return text == null ? null : parser.apply(text).toString();
    } catch (IllegalArgumentException e) {
      return null;
    }
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
    return id.toString();
  }

  private static String printable(String text) {
    if (text != null && !HeaderRules.isPrintableText(text)) {
      throw new SoapRefusal(ProblemType.INVALID_HEADER, ProblemText.of("soap.header.unprintable", HeaderRules.MAX_TEXT));
    }
    return text;
  }
}
