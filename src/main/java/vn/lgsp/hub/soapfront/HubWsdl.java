package vn.lgsp.hub.soapfront;

import java.util.LinkedHashMap;
import java.util.Map;
import vn.lgsp.hub.catalog.PublishedService;
import vn.lgsp.hub.protocol.Bilingual.Language;

/**
 * Writes the SOAP front's WSDL from the published services: one document/literal operation per
 * service code, documented with its title and description in Vietnamese and English, whose request
 * element carries the service's inputs and whose response element carries its canonical answer as
 * XML. The X-Road SOAP headers are the standard ones.
 */
final class HubWsdl {

  private static final String XHTML = "http://www.w3.org/1999/xhtml";

  private HubWsdl() {}

  static String write(Iterable<PublishedService> services) {
    Map<String, PublishedService> codes = new LinkedHashMap<>();
    services.forEach(s -> codes.putIfAbsent(s.service().serviceCode(), s));
    String ns = HubSoapEndpoint.NAMESPACE;
    StringBuilder types = new StringBuilder();
    StringBuilder messages = new StringBuilder();
    StringBuilder portType = new StringBuilder();
    StringBuilder binding = new StringBuilder();
    for (Map.Entry<String, PublishedService> service : codes.entrySet()) {
      String code = service.getKey();
      for (String element : new String[] {code, code + "Response"}) {
        types.append("""
                  <xs:element name="%s"><xs:complexType><xs:sequence>
                    <xs:any minOccurs="0" maxOccurs="unbounded" processContents="lax"/>
                  </xs:sequence></xs:complexType></xs:element>
            """.formatted(element));
        messages.append("""
              <wsdl:message name="%s"><wsdl:part name="body" element="hub:%s"/></wsdl:message>
            """.formatted(element, element));
      }
      portType.append("""
                <wsdl:operation name="%s">
                  <wsdl:documentation>
            %s      </wsdl:documentation>
                  <wsdl:input message="hub:%s"/><wsdl:output message="hub:%sResponse"/>
                </wsdl:operation>
            """.formatted(code, documentation(service.getValue()), code, code));
      binding.append("""
                <wsdl:operation name="%s">
                  <soap:operation soapAction=""/>
                  <wsdl:input><soap:body use="literal"/></wsdl:input>
                  <wsdl:output><soap:body use="literal"/></wsdl:output>
                </wsdl:operation>
            """.formatted(code));
    }
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <!-- lgsp-hub SOAP front: the hub's published services for SOAP one-stop systems.
             Send the X-Road SOAP headers (http://x-road.eu/xsd/xroad.xsd: client, service, id,
             userId, issue, protocolVersion) and an HTTP Authorization: Bearer token. -->
        <wsdl:definitions name="%1$s" targetNamespace="%2$s"
            xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
            xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:hub="%2$s">
          <wsdl:types>
            <xs:schema targetNamespace="%2$s" elementFormDefault="qualified">
        %3$s    </xs:schema>
          </wsdl:types>
        %4$s  <wsdl:portType name="HubPortType">
        %5$s  </wsdl:portType>
          <wsdl:binding name="HubBinding" type="hub:HubPortType">
            <soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>
        %6$s  </wsdl:binding>
          <wsdl:service name="%1$s">
            <wsdl:port name="%7$s" binding="hub:HubBinding"><soap:address location="http://localhost/services/hub"/></wsdl:port>
          </wsdl:service>
        </wsdl:definitions>
        """.formatted(HubSoapEndpoint.SERVICE, ns, types, messages, portType, binding, HubSoapEndpoint.PORT);
  }

  /**
   * The operation's title and description in both languages. WSDL 1.1 allows no attribute on
   * {@code wsdl:documentation} but any elements inside it, so each language is an XHTML paragraph
   * with its {@code xml:lang}; tools that show the text alone show both, one after the other.
   */
  private static String documentation(PublishedService service) {
    StringBuilder paragraphs = new StringBuilder();
    for (Language language : Language.values()) {
      paragraphs.append("        <p xmlns=\"").append(XHTML).append("\" xml:lang=\"").append(language.tag()).append("\">")
          .append(escape(service.title().in(language))).append(". ").append(escape(service.description().in(language)))
          .append("</p>\n");
    }
    return paragraphs.toString();
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
