package vn.lgsp.hub.soapfront;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.util.UriTemplate;
import vn.lgsp.hub.catalog.PublishedService;
import vn.lgsp.hub.connectors.ConnectorDescriptor;
import vn.lgsp.hub.protocol.Bilingual;
import vn.lgsp.hub.protocol.Bilingual.Language;

/**
 * Writes the SOAP front's WSDL from the published services, typed so that a generator (CXF's wsdl2java,
 * .NET's svcutil) builds a usable client: WS-I Basic Profile 1.1, document/literal, one operation per service
 * code with its {@code soapAction} ({@link #soapAction}), a request element whose children are the service's
 * inputs and a response element typed from the answer's schema ({@link AnswerSchemas}); the X-Road headers
 * ({@code client}, {@code service}, {@code id}, {@code userId}, {@code issue}, {@code protocolVersion}) are
 * declared as {@code soap:header} parts of every input and output, with X-Road's own namespaces; every
 * operation declares the hub's fault, whose detail {@code hub:problem} carries the problem type, the status and
 * the X-Road id. Each operation is documented with its title and description in Vietnamese and English.
 */
final class HubWsdl {

  private static final String XHTML = "http://www.w3.org/1999/xhtml";
  private static final List<String> HEADERS = List.of("client", "service", "id", "userId", "issue", "protocolVersion");

  private HubWsdl() {}

  /** The {@code soapAction} of a service code's operation; a caller that sends one must send this one. */
  static String soapAction(String serviceCode) {
    return HubSoapEndpoint.NAMESPACE + ":" + serviceCode;
  }

  /** The whole hub's WSDL: every published service and the X-Road metaservices. */
  static String write(Iterable<PublishedService> services) {
    return write(services, "http://localhost/services/hub");
  }

  /** The WSDL of these services (one provider's, or all) and the X-Road metaservices, at {@code address}. */
  static String write(Iterable<PublishedService> services, String address) {
    return write(services, true, address);
  }

  /**
   * The WSDL of these services alone, as the {@code getWsdl} metaservice answers it: without the metaservices and
   * with the address X-Road puts in place of the real one ({@code http://example.org/xroad-endpoint}).
   */
  static String writeForMetaservice(Iterable<PublishedService> services) {
    return write(services, false, "http://example.org/xroad-endpoint");
  }

  private static String write(Iterable<PublishedService> services, boolean withMetaServices, String address) {
    Map<String, PublishedService> codes = new LinkedHashMap<>();
    // one operation per service code (the first provider's, if two publish one code); a code that cannot be an
    // XML name, or is one the WSDL uses itself, is not offered over SOAP
    services.forEach(s -> {
      if (XmlNames.isOperationName(s.service().serviceCode())) {
        codes.putIfAbsent(s.service().serviceCode(), s);
      }
    });
    StringBuilder types = new StringBuilder();
    StringBuilder messages = new StringBuilder();
    StringBuilder portType = new StringBuilder();
    StringBuilder binding = new StringBuilder();
    for (Map.Entry<String, PublishedService> service : codes.entrySet()) {
      String code = service.getKey();
      types.append("      <xs:element name=\"").append(code).append("\">\n")
          .append(requestType(service.getValue()))
          .append("      </xs:element>\n");
      types.append("      <xs:element name=\"").append(code).append("Response\">\n")
          .append(AnswerSchemas.complexType(answerSchema(service.getValue()), "        "))
          .append("      </xs:element>\n");
      operation(code, "hub", documentation(service.getValue().title(), service.getValue().description()), messages,
          portType, binding);
    }
    for (MetaService meta : withMetaServices ? MetaService.values() : new MetaService[0]) {
      operation(meta.code(), "xrd", documentation(meta.title(), meta.description()), messages, portType, binding);
    }
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <!-- lgsp-hub SOAP front: the hub's published services for SOAP one-stop systems.
             Send the X-Road SOAP headers declared below and an HTTP Authorization: Bearer token. -->
        <wsdl:definitions name="%1$s" targetNamespace="%2$s"
            xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
            xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:hub="%2$s"
            xmlns:xrd="%8$s" xmlns:id="%9$s">
          <wsdl:types>
        %10$s
            <xs:schema targetNamespace="%2$s" elementFormDefault="qualified">
              <!-- a date as the hub's inputs take it: yyyy-MM-dd, without a time zone -->
              <xs:simpleType name="date"><xs:restriction base="xs:date">
                <xs:pattern value="[0-9]{4}-[0-9]{2}-[0-9]{2}"/>
              </xs:restriction></xs:simpleType>
              <xs:element name="problem">
                <xs:complexType><xs:sequence>
                  <xs:element name="type" type="xs:string"/>
                  <xs:element name="status" type="xs:int"/>
                  <xs:element name="xRoadId" type="xs:string" minOccurs="0"/>
                </xs:sequence></xs:complexType>
              </xs:element>
        %3$s    </xs:schema>
          </wsdl:types>
          <wsdl:message name="headers">
        %12$s  </wsdl:message>
          <wsdl:message name="problem"><wsdl:part name="problem" element="hub:problem"/></wsdl:message>
        %4$s  <wsdl:portType name="HubPortType">
        %5$s  </wsdl:portType>
          <wsdl:binding name="HubBinding" type="hub:HubPortType">
            <soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>
        %6$s  </wsdl:binding>
          <wsdl:service name="%1$s">
            <wsdl:port name="%7$s" binding="hub:HubBinding"><soap:address location="%11$s"/></wsdl:port>
          </wsdl:service>
        </wsdl:definitions>
        """.formatted(HubSoapEndpoint.SERVICE, HubSoapEndpoint.NAMESPACE, types, messages, portType, binding,
        HubSoapEndpoint.PORT, XRoadSoapHeaders.XROAD, XRoadSoapHeaders.IDENTIFIERS, xroadSchemas(), address, headerParts());
  }

  /** One operation's messages, port type entry and binding, its body elements in {@code prefix}'s namespace. */
  private static void operation(String code, String prefix, String documentation, StringBuilder messages,
      StringBuilder portType, StringBuilder binding) {
    for (String element : new String[] {code, code + "Response"}) {
      messages.append("""
            <wsdl:message name="%s"><wsdl:part name="body" element="%s:%s"/></wsdl:message>
          """.formatted(element, prefix, element));
    }
    portType.append("""
              <wsdl:operation name="%s">
                <wsdl:documentation>
          %s      </wsdl:documentation>
                <wsdl:input message="hub:%s"/><wsdl:output message="hub:%sResponse"/>
                <wsdl:fault name="problem" message="hub:problem"/>
              </wsdl:operation>
          """.formatted(code, documentation, code, code));
    binding.append("""
              <wsdl:operation name="%s">
                <soap:operation soapAction="%s" style="document"/>
                <wsdl:input>%s<soap:body use="literal"/></wsdl:input>
                <wsdl:output>%s<soap:body use="literal"/></wsdl:output>
                <wsdl:fault name="problem"><soap:fault name="problem" use="literal"/></wsdl:fault>
              </wsdl:operation>
          """.formatted(code, soapAction(code), headers(), headers()));
  }

  /** The headers message: one part per X-Road header. */
  private static String headerParts() {
    StringBuilder parts = new StringBuilder();
    for (String part : HEADERS) {
      parts.append("      <wsdl:part name=\"").append(part).append("\" element=\"xrd:").append(part).append("\"/>\n");
    }
    return parts.toString();
  }

  private static String headers() {
    StringBuilder parts = new StringBuilder();
    for (String part : HEADERS) {
      parts.append("<soap:header message=\"hub:headers\" part=\"").append(part).append("\" use=\"literal\"/>");
    }
    return parts.toString();
  }

  /** The inputs a SOAP caller sends: the service path's variables, then its operation's other inputs. */
  private static String requestType(PublishedService service) {
    Map<String, String> inputs = new LinkedHashMap<>();
    for (String variable : new UriTemplate(service.path()).getVariableNames()) {
      inputs.put(variable, "xs:string");
    }
    ConnectorDescriptor.Operation operation = service.operation();
    if (operation != null) {
      operation.input().forEach((name, type) -> inputs.put(name,
          type == ConnectorDescriptor.InputType.DATE ? "hub:date" : "xs:string"));
    }
    inputs.keySet().removeIf(name -> !XmlNames.isElementName(name));
    StringBuilder type = new StringBuilder("        <xs:complexType><xs:sequence>\n");
    inputs.forEach((name, xsd) -> type.append("          <xs:element name=\"").append(name).append("\" type=\"")
        .append(xsd).append("\"/>\n"));
    return type.append("        </xs:sequence></xs:complexType>\n").toString();
  }

  /** The answer's JSON schema; a service without one (the composite) answers an open object. */
  private static Map<String, Object> answerSchema(PublishedService service) {
    return service.operation() == null ? Map.of("type", "object") : service.operation().schema();
  }

  /** X-Road's header elements and identifier types, as its {@code xroad.xsd} and {@code identifiers.xsd} define them. */
  private static String xroadSchemas() {
    return """
            <xs:schema targetNamespace="%2$s" elementFormDefault="qualified" xmlns:id="%2$s">
              <xs:simpleType name="XRoadObjectType"><xs:restriction base="xs:string">
                <xs:enumeration value="MEMBER"/><xs:enumeration value="SUBSYSTEM"/><xs:enumeration value="SERVICE"/>
              </xs:restriction></xs:simpleType>
              <xs:attribute name="objectType" type="id:XRoadObjectType"/>
              <xs:complexType name="XRoadClientIdentifierType"><xs:sequence>
                <xs:element name="xRoadInstance" type="xs:string"/>
                <xs:element name="memberClass" type="xs:string"/>
                <xs:element name="memberCode" type="xs:string"/>
                <xs:element name="subsystemCode" type="xs:string" minOccurs="0"/>
              </xs:sequence><xs:attribute ref="id:objectType" use="required"/></xs:complexType>
              <xs:complexType name="XRoadServiceIdentifierType"><xs:sequence>
                <xs:element name="xRoadInstance" type="xs:string"/>
                <xs:element name="memberClass" type="xs:string"/>
                <xs:element name="memberCode" type="xs:string"/>
                <xs:element name="subsystemCode" type="xs:string" minOccurs="0"/>
                <xs:element name="serviceCode" type="xs:string"/>
                <xs:element name="serviceVersion" type="xs:string" minOccurs="0"/>
              </xs:sequence><xs:attribute ref="id:objectType" use="required"/></xs:complexType>
            </xs:schema>
            <xs:schema targetNamespace="%1$s" elementFormDefault="qualified" xmlns:id="%2$s" xmlns:xrd="%1$s">
              <xs:import namespace="%2$s"/>
              <xs:element name="client" type="id:XRoadClientIdentifierType"/>
              <xs:element name="service" type="id:XRoadServiceIdentifierType"/>
              <xs:element name="id" type="xs:string"/>
              <xs:element name="userId" type="xs:string"/>
              <xs:element name="issue" type="xs:string"/>
              <xs:element name="protocolVersion" type="xs:string"/>
              <xs:element name="listMethods"><xs:complexType><xs:sequence/></xs:complexType></xs:element>
              <xs:element name="allowedMethods"><xs:complexType><xs:sequence/></xs:complexType></xs:element>
              <xs:complexType name="MethodListType"><xs:sequence>
                <xs:element name="service" type="id:XRoadServiceIdentifierType" minOccurs="0" maxOccurs="unbounded"/>
              </xs:sequence></xs:complexType>
              <xs:element name="listMethodsResponse" type="xrd:MethodListType"/>
              <xs:element name="allowedMethodsResponse" type="xrd:MethodListType"/>
              <xs:element name="getWsdl"><xs:complexType><xs:sequence>
                <xs:element name="serviceCode" type="xs:string"/>
                <xs:element name="serviceVersion" type="xs:string" minOccurs="0"/>
              </xs:sequence></xs:complexType></xs:element>
              <xs:element name="getWsdlResponse"><xs:complexType><xs:sequence>
                <xs:element name="serviceCode" type="xs:string"/>
                <xs:element name="serviceVersion" type="xs:string" minOccurs="0"/>
              </xs:sequence></xs:complexType></xs:element>
            </xs:schema>""".formatted(XRoadSoapHeaders.XROAD, XRoadSoapHeaders.IDENTIFIERS);
  }

  /**
   * The operation's title and description in both languages. WSDL 1.1 allows no attribute on
   * {@code wsdl:documentation} but any elements inside it, so each language is an XHTML paragraph
   * with its {@code xml:lang}; tools that show the text alone show both, one after the other.
   */
  private static String documentation(Bilingual title, Bilingual description) {
    StringBuilder paragraphs = new StringBuilder();
    for (Language language : Language.values()) {
      paragraphs.append("        <p xmlns=\"").append(XHTML).append("\" xml:lang=\"").append(language.tag()).append("\">")
          .append(XmlNames.text(title.in(language))).append(". ").append(XmlNames.text(description.in(language)))
          .append("</p>\n");
    }
    return paragraphs.toString();
  }

}
