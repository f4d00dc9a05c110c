package vn.lgsp.hub.soapfront;

import jakarta.xml.soap.AttachmentPart;
import jakarta.xml.soap.SOAPException;
import jakarta.xml.soap.SOAPMessage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import tools.jackson.databind.JsonNode;
import vn.lgsp.hub.catalog.PublishedService;

/** The bodies of the X-Road SOAP metaservices' answers (PR-META), from what the REST directory answered. */
final class MetaServiceAnswers {

  private MetaServiceAnswers() {}

  /** {@code listMethodsResponse} or {@code allowedMethodsResponse}: each service as an X-Road service identifier. */
  static void methods(Element response, JsonNode directoryAnswer) {
    Document doc = response.getOwnerDocument();
    for (JsonNode member : directoryAnswer.path("member")) {
      Element service = doc.createElementNS(XRoadSoapHeaders.XROAD, "xrd:service");
      service.setAttributeNS(XRoadSoapHeaders.IDENTIFIERS, "id:objectType", "SERVICE");
      identifier(service, "xRoadInstance", member.path("instanceId").asString());
      identifier(service, "memberClass", member.path("memberClass").asString());
      identifier(service, "memberCode", member.path("memberCode").asString());
      identifier(service, "subsystemCode", member.path("applicationCode").asString());
      identifier(service, "serviceCode", member.path("serviceCode").asString());
      response.appendChild(service);
    }
  }

  /**
   * {@code getWsdlResponse}: the service code (and version) asked for in the body, the service's WSDL as the
   * message's attachment, its address X-Road's placeholder rather than the hub's.
   */
  static void wsdl(SOAPMessage reply, Element response, String serviceCode, String serviceVersion,
      List<PublishedService> services) throws SOAPException {
    Document doc = response.getOwnerDocument();
    Element code = doc.createElementNS(XRoadSoapHeaders.XROAD, "xrd:serviceCode");
    code.setTextContent(serviceCode);
    response.appendChild(code);
    if (serviceVersion != null) {
      Element version = doc.createElementNS(XRoadSoapHeaders.XROAD, "xrd:serviceVersion");
      version.setTextContent(serviceVersion);
      response.appendChild(version);
    }
    AttachmentPart wsdl = reply.createAttachmentPart();
    byte[] document = HubWsdl.writeForMetaservice(services).getBytes(StandardCharsets.UTF_8);
    wsdl.setRawContentBytes(document, 0, document.length, "text/xml; charset=UTF-8");
    wsdl.setContentId("<wsdl>");
    reply.addAttachmentPart(wsdl);
  }

  private static void identifier(Element parent, String name, String value) {
    Element element = parent.getOwnerDocument().createElementNS(XRoadSoapHeaders.IDENTIFIERS, "id:" + name);
    element.setTextContent(value);
    parent.appendChild(element);
  }
}
