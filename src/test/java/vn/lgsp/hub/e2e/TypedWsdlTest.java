package vn.lgsp.hub.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.lgsp.hub.support.HubClient.HANOI;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.Source;
import javax.xml.transform.dom.DOMSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;
import vn.lgsp.hub.support.SandboxHubTest;

/**
 * The SOAP front's WSDL is typed and the hub's answers are what it says, checked by the JDK's own XML Schema
 * validator: every operation has its soapAction, the six X-Road headers as soap:header parts and its fault;
 * the request and response of a register's service are typed, not xs:any. Real answers of four registers
 * (their bodies and echoed headers) and a fault's detail validate against the WSDL's schemas. A SOAPAction
 * naming another operation than the body is refused and logged.
 */
class TypedWsdlTest extends SandboxHubTest {

  private static final String WSDL = "http://schemas.xmlsoap.org/wsdl/";
  private static final String SOAP_BINDING = "http://schemas.xmlsoap.org/wsdl/soap/";
  private static final String XSD = XMLConstants.W3C_XML_SCHEMA_NS_URI;
  private static final String ENVELOPE = "http://schemas.xmlsoap.org/soap/envelope/";
  private static final String CITIZEN = SoapFrontEndToEndTest.CITIZEN;

  private final HttpClient http = HttpClient.newHttpClient();
  private Document wsdl;

  @BeforeEach
  void readWsdl() throws Exception {
    wsdl = parse(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/services/hub?wsdl")).build(),
        HttpResponse.BodyHandlers.ofByteArray()).body());
  }

  @Test
  void everyOperationHasItsSoapActionHeadersAndFault() {
    NodeList operations = ((Element) wsdl.getElementsByTagNameNS(WSDL, "binding").item(0))
        .getElementsByTagNameNS(WSDL, "operation");
    assertThat(operations.getLength()).isGreaterThanOrEqualTo(10);
    for (int i = 0; i < operations.getLength(); i++) {
      Element operation = (Element) operations.item(i);
      String name = operation.getAttribute("name");
      Element soapOperation = (Element) operation.getElementsByTagNameNS(SOAP_BINDING, "operation").item(0);
      assertThat(soapOperation.getAttribute("soapAction")).isEqualTo("urn:lgsp:hub:v1:" + name);
      List<String> headers = new ArrayList<>();
      NodeList declared = ((Element) operation.getElementsByTagNameNS(WSDL, "input").item(0))
          .getElementsByTagNameNS(SOAP_BINDING, "header");
      for (int h = 0; h < declared.getLength(); h++) {
        headers.add(((Element) declared.item(h)).getAttribute("part"));
      }
      assertThat(headers).as(name).containsExactly("client", "service", "id", "userId", "issue", "protocolVersion");
      assertThat(operation.getElementsByTagNameNS(SOAP_BINDING, "fault").getLength()).as(name).isEqualTo(1);
    }
    Element citizenInfo = schemaElement("citizen-infoResponse");
    assertThat(citizenInfo.getElementsByTagNameNS(XSD, "any").getLength()).as("typed, not xs:any").isZero();
    assertThat(elementType(citizenInfo, "dateOfBirth")).isEqualTo("xs:date");
    assertThat(elementType(schemaElement("citizen-verifyResponse"), "match")).isEqualTo("xs:boolean");
    assertThat(elementType(schemaElement("citizen-info"), "personalId")).isEqualTo("xs:string");
  }

  @Test
  void realAnswersAndFaultsValidateAgainstTheWsdl() throws Exception {
    Validator validator = schema().newValidator();
    String token = hub.token(HANOI);
    String account = "<hub:bankCode>VCB</hub:bankCode><hub:accountNumber>0011000000001</hub:accountNumber>"
        + "<hub:personalId>" + CITIZEN + "</hub:personalId><hub:fullName>Đỗ Công Sơn</hub:fullName>";
    String[][] calls = {
        {"VN/GOV/BCA/DANCU/citizen-info", "<hub:personalId>" + CITIZEN + "</hub:personalId>"},
        {"VN/GOV/BCA/DANCU/household", "<hub:personalId>" + CITIZEN + "</hub:personalId>"},
        {"VN/GOV/BTC/THUE/taxpayer", "<hub:taxId>" + CITIZEN + "</hub:taxId>"},
        {"VN/COM/VCB/TAIKHOAN/account-verify", account},
        {"VN/GOV/BHXH/BAOHIEM/insurance-history", "<hub:personalId>" + CITIZEN + "</hub:personalId>"}};
    for (String[] call : calls) {
      String code = call[0].substring(call[0].lastIndexOf('/') + 1);
      HttpResponse<byte[]> answer = soap(token, call[0], "<hub:" + code + ">" + call[1] + "</hub:" + code + ">",
          "\"urn:lgsp:hub:v1:" + code + "\"");
      assertThat(answer.statusCode()).as(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo(200);
      Document envelope = parse(answer.body());
      Element body = firstElement(envelope.getElementsByTagNameNS(ENVELOPE, "Body").item(0));
      assertThat(body.getLocalName()).isEqualTo(code + "Response");
      assertThat(body.getElementsByTagName("*").getLength()).as(code).isPositive();
      validator.validate(new DOMSource(body));
      if (code.equals("citizen-info")) {
        // the same answer with a date that is not one is refused: the validator reads the types
        Element broken = (Element) body.cloneNode(true);
        broken.getElementsByTagNameNS("urn:lgsp:hub:v1", "dateOfBirth").item(0).setTextContent("15/03/1985");
        assertThatThrownBy(() -> validator.validate(new DOMSource(broken))).isInstanceOf(SAXException.class)
            .hasMessageContaining("15/03/1985");
      }
      for (Node header = firstElement(envelope.getElementsByTagNameNS(ENVELOPE, "Header").item(0)); header != null;
          header = header.getNextSibling()) {
        if (header instanceof Element element) {
          validator.validate(new DOMSource(element));
        }
      }
    }

    HttpResponse<byte[]> invalid = soap(token, "VN/GOV/BCA/DANCU/citizen-info",
        "<hub:citizen-info><hub:personalId>12</hub:personalId></hub:citizen-info>", "\"\"");
    assertThat(invalid.statusCode()).isEqualTo(500);
    Element problem = (Element) parse(invalid.body()).getElementsByTagNameNS("urn:lgsp:hub:v1", "problem").item(0);
    validator.validate(new DOMSource(problem));
    assertThat(problem.getTextContent()).contains("Client.InvalidPersonalId");
  }

  /** One provider's WSDL, written from the catalogue as it stands: its operations only, typed, at the hub's address. */
  @Test
  void aProvidersWsdlHoldsItsOperationsAndItsSchemasCompile() throws Exception {
    HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(URI.create(
        "http://127.0.0.1:" + port + "/services/hub?wsdl&provider=VN/GOV/BCA/DANCU")).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(answer.statusCode()).isEqualTo(200);
    Document provider = parse(answer.body());
    List<String> operations = new ArrayList<>();
    NodeList bound = ((Element) provider.getElementsByTagNameNS(WSDL, "binding").item(0))
        .getElementsByTagNameNS(WSDL, "operation");
    for (int i = 0; i < bound.getLength(); i++) {
      operations.add(((Element) bound.item(i)).getAttribute("name"));
    }
    assertThat(operations).contains("citizen-info", "household", "listMethods", "getWsdl").doesNotContain("taxpayer");
    assertThat(((Element) provider.getElementsByTagNameNS(SOAP_BINDING, "address").item(0)).getAttribute("location"))
        .isEqualTo("http://127.0.0.1:" + port + "/services/hub");
    Document whole = wsdl;
    wsdl = provider;
    try {
      assertThat(schema()).isNotNull();
    } finally {
      wsdl = whole;
    }

    HttpResponse<String> malformed = http.send(HttpRequest.newBuilder(URI.create(
        "http://127.0.0.1:" + port + "/services/hub?wsdl&provider=VN/GOV")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(malformed.body()).contains("Client.InvalidRequest");
    HttpResponse<String> unknown = http.send(HttpRequest.newBuilder(URI.create(
        "http://127.0.0.1:" + port + "/services/hub?wsdl&provider=VN/GOV/KHONGCO/HETHONG")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).contains("Client.UnknownService");
  }

  @Test
  void aSoapActionOfAnotherOperationIsRefusedAndLogged() throws Exception {
    String messageId = UUID.randomUUID().toString();
    HttpResponse<byte[]> refused = soap(hub.token(HANOI), "VN/GOV/BCA/DANCU/citizen-info", messageId,
        "<hub:citizen-info><hub:personalId>" + CITIZEN + "</hub:personalId></hub:citizen-info>",
        "\"urn:lgsp:hub:v1:household\"");
    String text = new String(refused.body(), StandardCharsets.UTF_8);
    assertThat(refused.statusCode()).as(text).isEqualTo(500);
    assertThat(text).contains("Client.InvalidRequest", "urn:lgsp:hub:v1:citizen-info").doesNotContain("Exception");
    assertThat(hub.awaitRecord(messageId).get("errorType").asString()).isEqualTo("Client.InvalidRequest");
  }

  private HttpResponse<byte[]> soap(String token, String service, String body, String action) throws Exception {
    return soap(token, service, UUID.randomUUID().toString(), body, action);
  }

  private HttpResponse<byte[]> soap(String token, String service, String messageId, String body, String action)
      throws Exception {
    String envelope = SoapFrontEndToEndTest.envelope(SoapFrontEndToEndTest.clientHeader(HANOI)
        + SoapFrontEndToEndTest.serviceHeader(service) + "<xrd:id>" + messageId + "</xrd:id>"
        + "<xrd:userId>VN001190000777</xrd:userId><xrd:issue>HS-2026-000123</xrd:issue>", body);
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/services/hub"))
        .header("Content-Type", "text/xml; charset=utf-8").header("SOAPAction", action)
        .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString(envelope)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  /** The WSDL's schemas, each as a document of its own with the namespaces the WSDL declares around it. */
  private Schema schema() throws Exception {
    NodeList schemas = wsdl.getElementsByTagNameNS(XSD, "schema");
    Source[] sources = new Source[schemas.getLength()];
    Element definitions = wsdl.getDocumentElement();
    for (int i = 0; i < schemas.getLength(); i++) {
      Document alone = DocumentBuilderFactory.newDefaultNSInstance().newDocumentBuilder().newDocument();
      Element copy = (Element) alone.importNode(schemas.item(i), true);
      for (int a = 0; a < definitions.getAttributes().getLength(); a++) {
        Node attribute = definitions.getAttributes().item(a);
        if (XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(attribute.getNamespaceURI()) && !copy.hasAttribute(attribute.getNodeName())) {
          copy.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, attribute.getNodeName(), attribute.getNodeValue());
        }
      }
      alone.appendChild(copy);
      sources[i] = new DOMSource(alone);
    }
    return SchemaFactory.newInstance(XSD).newSchema(sources);
  }

  private Element schemaElement(String name) {
    NodeList elements = wsdl.getElementsByTagNameNS(XSD, "element");
    for (int i = 0; i < elements.getLength(); i++) {
      Element element = (Element) elements.item(i);
      if (element.getParentNode().getLocalName().equals("schema") && name.equals(element.getAttribute("name"))) {
        return element;
      }
    }
    throw new AssertionError("no element " + name);
  }

  private static String elementType(Element within, String name) {
    NodeList elements = within.getElementsByTagNameNS(XSD, "element");
    for (int i = 0; i < elements.getLength(); i++) {
      Element element = (Element) elements.item(i);
      if (name.equals(element.getAttribute("name"))) {
        return element.getAttribute("type");
      }
    }
    throw new AssertionError("no element " + name);
  }

  private static Element firstElement(Node parent) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e) {
        return e;
      }
    }
    return null;
  }

  private static Document parse(byte[] xml) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultNSInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
  }
}
